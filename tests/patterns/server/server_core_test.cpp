#include "patterns/server/server_core.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {
ServerCoreConfig constant(int workers, int queue_limit, Duration mean = 10ms) {
  ServerCoreConfig c;
  c.workers = workers;
  c.queue_limit = queue_limit;
  c.service_time.distribution = ServiceTimeDistribution::constant;
  c.service_time.mean = mean;
  return c;
}
struct Done {
  SimTime at;
  std::uint64_t id;
  bool operator==(const Done&) const = default;
};
}  // namespace

TEST_CASE("workers serve in parallel, the queue is FIFO and bounded", "[server_core]") {
  ManualRuntime rt;
  std::vector<Done> done;
  ServerCore core(rt, constant(2, 1), rt.random("s", "t"), [&](const ServerJob& j) {
    done.push_back({rt.now(), j.id});
  });
  CHECK(core.submit({0, 1}) == ServerCore::Admit::started);
  CHECK(core.submit({0, 2}) == ServerCore::Admit::started);
  CHECK(core.submit({0, 3}) == ServerCore::Admit::queued);
  CHECK(core.submit({0, 4}) == ServerCore::Admit::rejected);
  CHECK(core.busy() == 2);
  CHECK(core.queued() == 1);
  rt.advance(1s);
  CHECK(done == std::vector<Done>{{10ms, 1}, {10ms, 2}, {20ms, 3}});
  CHECK(core.served() == 3);
  CHECK(core.rejected() == 1);
  CHECK(core.busy() == 0);
}

TEST_CASE("abort returns the jobs in service, then the queue, and none completes",
          "[server_core]") {
  ManualRuntime rt;
  std::vector<Done> done;
  ServerCore core(rt, constant(2, 5), rt.random("s", "t"), [&](const ServerJob& j) {
    done.push_back({rt.now(), j.id});
  });
  for (std::uint64_t i = 1; i <= 5; ++i) core.submit({7, i});
  rt.advance(15ms);  // 1 and 2 done at 10 ms; 3 and 4 in service; 5 queued
  const auto dropped = core.abort();
  std::vector<std::uint64_t> ids;
  for (const auto& j : dropped) {
    CHECK(j.from == 7);
    ids.push_back(j.id);
  }
  CHECK(ids == std::vector<std::uint64_t>{3, 4, 5});
  rt.advance(1s);
  CHECK(done.size() == 2);
  CHECK(rt.pending() == 0);  // the completions of 3 and 4 were cancelled
  // It serves again afterwards.
  core.submit({7, 9});
  rt.advance(1s);
  CHECK(done.back().id == 9);
}

TEST_CASE("service times are drawn from the stream, one per job started", "[server_core]") {
  ManualRuntime rt;
  ServerCoreConfig c;
  c.workers = 1;
  c.queue_limit = 10;
  c.service_time.distribution = ServiceTimeDistribution::exponential;
  c.service_time.mean = 5ms;
  std::vector<SimTime> at;
  ServerCore core(rt, c, rt.random("s", "t"), [&](const ServerJob&) { at.push_back(rt.now()); });
  for (std::uint64_t i = 0; i < 3; ++i) core.submit({0, i});
  rt.advance(10s);
  RandomStream same = rt.random("s", "t");
  SimTime t{0};
  std::vector<SimTime> expected;
  for (int i = 0; i < 3; ++i) expected.push_back(t += same.exponential_duration(5ms));
  CHECK(at == expected);
}

TEST_CASE("a server needs a worker and a non-negative queue", "[server_core]") {
  ManualRuntime rt;
  CHECK_THROWS_AS(ServerCore(rt, constant(0, 1), rt.random("s", "t"), nullptr),
                  std::invalid_argument);
  CHECK_THROWS_AS(ServerCore(rt, constant(1, -1), rt.random("s", "t"), nullptr),
                  std::invalid_argument);
}

TEST_CASE("a held worker stays busy until released, the queue waits for it", "[server_core]") {
  ManualRuntime rt;
  std::vector<Done> done;
  std::vector<std::uint64_t> tickets;
  ServerCore* self = nullptr;
  ServerCore core(rt, constant(1, 5), rt.random("s", "t"), [&](const ServerJob& j) {
    done.push_back({rt.now(), j.id});
    if (j.id == 1) tickets.push_back(self->hold());  // job 1 waits for its calls
    if (j.id == 2) self->release(self->hold());      // job 2's calls fail at once
  });
  self = &core;
  core.submit({0, 1});
  core.submit({0, 2});
  core.submit({0, 3});
  rt.advance(50ms);
  CHECK(done == std::vector<Done>{{SimTime{10ms}, 1}});  // job 2 waits behind the held worker
  CHECK(core.busy() == 1);
  CHECK(core.served() == 1);
  REQUIRE(tickets.size() == 1);
  core.release(tickets[0]);
  rt.advance(50ms);
  CHECK(done == std::vector<Done>{{SimTime{10ms}, 1}, {SimTime{60ms}, 2}, {SimTime{70ms}, 3}});
  CHECK(core.busy() == 0);
  core.release(tickets[0]);  // a second release is a no-op
  CHECK(core.busy() == 0);
  CHECK_THROWS_AS(core.hold(), std::logic_error);  // only inside the done callback
}

TEST_CASE("abort drops held jobs with the rest, a later release is a no-op", "[server_core]") {
  ManualRuntime rt;
  std::uint64_t ticket = 0;
  ServerCore* self = nullptr;
  ServerCore core(rt, constant(1, 5), rt.random("s", "t"),
                  [&](const ServerJob&) { ticket = self->hold(); });
  self = &core;
  core.submit({0, 1});
  core.submit({0, 2});
  rt.advance(15ms);
  const auto dropped = core.abort();
  REQUIRE(dropped.size() == 2);
  CHECK(dropped[0].id == 1);  // the held one, still in service
  CHECK(dropped[1].id == 2);
  core.release(ticket);
  CHECK(core.busy() == 0);
  CHECK(core.queued() == 0);
}
