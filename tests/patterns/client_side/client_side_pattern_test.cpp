#include "patterns/client_side/client_side_pattern.h"

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "patterns/core/data_plane.h"
#include "patterns/core/manual_runtime.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

// Records when each view last changed and what it holds; and the outcomes of requests.
struct ViewLog final : Observer {
  explicit ViewLog(const Runtime& rt) : rt(rt) {}
  const Runtime& rt;
  std::map<ViewId, std::string> names;
  std::map<std::string, std::vector<std::pair<SimTime, std::vector<InstanceId>>>> changes;
  std::vector<RequestOutcome> outcomes;
  std::vector<InstanceId> tries;
  ViewId view_opened(std::string_view component, std::string_view) override {
    const auto id = static_cast<ViewId>(names.size());
    names[id] = std::string(component);
    return id;
  }
  void view_changed(ViewId view, std::span<const InstanceId> m) override {
    changes[names[view]].emplace_back(rt.now(), std::vector<InstanceId>(m.begin(), m.end()));
  }
  void view_closed(ViewId) override {}
  void try_sent(InstanceId t, CallerTag) override { tries.push_back(t); }
  void request_done(const RequestOutcome& o) override { outcomes.push_back(o); }
  void count(std::string_view, std::uint64_t) override {}

  // When `component`'s view first satisfied `pred` at or after `from`.
  template <class Pred>
  SimTime first(const std::string& component, SimTime from, Pred pred) const {
    auto it = changes.find(component);
    if (it == changes.end()) return kNever;
    for (const auto& [t, members] : it->second) {
      if (t >= from && pred(members)) return t;
    }
    return kNever;
  }
};

bool contains(const std::vector<InstanceId>& v, InstanceId id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

struct World {
  World(Duration fetch, Duration lease, Duration heartbeat, Duration eviction,
        std::optional<OutlierDetectionConfig> outliers = std::nullopt)
      : rt(1, 1ms), log(rt) {
    rt.set_observer(log);
    ClientSideConfig c;
    c.outlier_detection = outliers;
    c.registry_host = 0;
    c.server.eviction_interval = eviction;
    c.registration.lease = lease;
    c.registration.heartbeat_interval = heartbeat;
    c.poller.interval = fetch;
    pattern = std::make_unique<ClientSidePattern>(rt, c);
    pattern->start();
  }

  // An instance that answers every request after 1 ms, on host 1.
  InstanceId add_instance() {
    const auto id = static_cast<InstanceId>(endpoints.size() + 100);
    const EndpointId ep = rt.open(1, "instance", [this, id](const Message& m) {
      if (const auto* r = std::any_cast<RequestMsg>(&m.body)) {
        const EndpointId from = m.from;
        const std::uint64_t t = r->try_id;
        rt.schedule(1ms, [this, id, from, t] {
          rt.send(Message{endpoints[id], from, kResponseBytes, Plane::data,
                          DeliveryStatus::delivered, ResponseMsg{t}});
        });
      }
    });
    endpoints[id] = ep;
    InstanceInfo info;
    info.id = id;
    info.service = "web";
    info.name = "web-" + std::to_string(id);
    info.host = 1;
    info.endpoint = ep;
    pattern->instance_started(info);
    pattern->instance_ready(id);
    return id;
  }

  void crash(InstanceId id) {
    rt.close(endpoints[id]);
    pattern->instance_crashed(id);
    pattern->instance_gone(id);
  }

  Caller& caller(std::uint32_t retries = 1) {
    CallerInfo info;
    info.name = "users-0";
    info.host = 2;
    info.target_service = "web";
    info.try_timeout = 200ms;
    info.max_retries = retries;
    Caller& c = pattern->add_caller(info);
    c.start();
    return c;
  }

  ManualRuntime rt;
  ViewLog log;
  std::unique_ptr<ClientSidePattern> pattern;
  std::map<InstanceId, EndpointId> endpoints;
};

// How long after a new instance registers until the caller's view holds it.
Duration discovery_delay(Duration fetch) {
  World w(fetch, 30s, 10s, 5s);
  w.caller();
  w.rt.advance(100s + 3ms);  // off the fetch grid
  const InstanceId id = w.add_instance();
  const SimTime registered = w.rt.now();
  w.rt.advance(200s);
  return w.log.first("client/users-0", registered, [&](const auto& m) { return contains(m, id); }) -
         registered;
}

// How long after a crash until the caller's view drops the instance.
Duration removal_delay(Duration lease, Duration heartbeat) {
  World w(5s, lease, heartbeat, 1s);
  w.caller();
  const InstanceId a = w.add_instance();
  w.add_instance();
  w.rt.advance(300s + 7ms);
  w.crash(a);
  const SimTime crashed = w.rt.now();
  w.rt.advance(600s);
  return w.log.first("client/users-0", crashed, [&](const auto& m) { return !contains(m, a); }) -
         crashed;
}

}  // namespace

TEST_CASE("a new instance reaches callers at their next fetch", "[client-side][staleness]") {
  const Duration fast = discovery_delay(5s);
  const Duration slow = discovery_delay(20s);
  CHECK(fast > 0s);
  CHECK(fast <= 5s + 10ms);
  CHECK(slow <= 20s + 10ms);
  CHECK(slow > fast);
}

TEST_CASE("a crashed instance lingers until its lease expires, then until the next fetch",
          "[client-side][staleness]") {
  const Duration short_lease = removal_delay(10s, 3s);
  const Duration long_lease = removal_delay(40s, 3s);
  // Expiry after the lease (from the last renewal, at most one heartbeat before the crash),
  // then the eviction sweep (1 s) and the caller's fetch (5 s).
  CHECK(short_lease >= 10s - 3s);
  CHECK(short_lease <= 10s + 1s + 5s + 10ms);
  CHECK(long_lease >= 40s - 3s);
  CHECK(long_lease <= 40s + 1s + 5s + 10ms);
  CHECK(long_lease > short_lease);
}

TEST_CASE("requests are balanced round robin over the registered instances", "[client-side]") {
  World w(5s, 30s, 10s, 5s);
  Caller& caller = w.caller(0);
  const InstanceId a = w.add_instance();
  const InstanceId b = w.add_instance();
  w.rt.advance(6s);
  for (std::uint64_t i = 0; i < 100; ++i) caller.issue(Request{i});
  w.rt.advance(1s);
  REQUIRE(w.log.outcomes.size() == 100);
  int to_a = 0, to_b = 0;
  for (InstanceId t : w.log.tries) (t == a ? to_a : to_b) += (t == a || t == b) ? 1 : 0;
  CHECK(to_a == 50);
  CHECK(to_b == 50);
  for (const auto& o : w.log.outcomes) CHECK(o.ok);
}

TEST_CASE("a try refused by a crashed instance is retried on a live one", "[client-side]") {
  World w(60s, 90s, 30s, 60s);
  Caller& caller = w.caller(1);
  const InstanceId a = w.add_instance();
  w.add_instance();
  w.rt.advance(61s);  // both in the caller's view now
  w.crash(a);         // still listed for a long while
  for (std::uint64_t i = 0; i < 20; ++i) caller.issue(Request{i});
  w.rt.advance(1s);
  REQUIRE(w.log.outcomes.size() == 20);
  int retried = 0;
  for (const auto& o : w.log.outcomes) {
    CHECK(o.ok);
    retried += o.tries == 2 ? 1 : 0;
  }
  CHECK(retried == 10);  // every other pick lands on the dead instance
}

TEST_CASE("before the registry ever answers, requests fail as registry_down", "[client-side]") {
  World w(5s, 30s, 10s, 5s);
  w.rt.set_host_up(0, false);  // the registry's host
  Caller& caller = w.caller(0);
  w.add_instance();
  w.rt.advance(30s);
  caller.issue(Request{1});
  REQUIRE(w.log.outcomes.size() == 1);
  CHECK(w.log.outcomes[0].cause == FailureCause::registry_down);
}

TEST_CASE("a caller fetches when it starts, requests issued before the answer wait for it",
          "[client-side][start]") {
  World w(30s, 90s, 30s, 60s);
  w.add_instance();
  w.add_instance();
  w.rt.advance(12s);  // a running cluster: the caller joins it
  CallerInfo info;
  info.name = "users-0";
  info.group = "users";
  info.host = 2;
  info.target_service = "web";
  info.try_timeout = 200ms;
  Caller& caller = w.pattern->add_caller(info);
  w.rt.advance(5s);
  CHECK(w.log.changes.count("client/users-0") == 0);  // not started: no fetch yet
  const SimTime start = w.rt.now();
  caller.start();
  for (std::uint64_t i = 0; i < 10; ++i) caller.issue(Request{i});  // before the first answer
  w.rt.advance(1s);
  REQUIRE(w.log.outcomes.size() == 10);
  for (const auto& o : w.log.outcomes) {
    CHECK(o.ok);
    CHECK(o.started == start);
  }
  const auto& first = w.log.changes.at("client/users-0").front();
  CHECK(first.first - start <= 2ms);  // one round trip after its start, not an interval later
  CHECK(first.second.size() == 2);
}

TEST_CASE(
    "with outlier detection a caller stops routing to a crashed instance before its lease "
    "expires",
    "[client-side][health]") {
  OutlierDetectionConfig o;
  o.consecutive_failures = 2;
  o.max_ejection_percent = 100;
  o.success_rate = false;
  World w(5s, 90s, 30s, 60s, o);
  Caller& caller = w.caller(1);
  const InstanceId a = w.add_instance();
  w.add_instance();
  w.rt.advance(10s);
  w.crash(a);  // listed by the registry for ~90 s more
  for (std::uint64_t i = 0; i < 40; ++i) {
    caller.issue(Request{i});
    w.rt.advance(100ms);
  }
  REQUIRE(w.log.outcomes.size() == 40);
  for (const auto& o : w.log.outcomes) CHECK(o.ok);
  // Two refused tries eject it; the caller's one view is the routable list.
  const auto& changes = w.log.changes.at("client/users-0");
  CHECK_FALSE(contains(changes.back().second, a));
  CHECK(changes.back().first < w.rt.now() - 3s);
  std::size_t to_a = 0;
  for (InstanceId t : w.log.tries) to_a += t == a;
  CHECK(to_a == 2);
}
