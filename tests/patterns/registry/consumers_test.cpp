#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include "patterns/registry/blocking_query_client.h"
#include "patterns/registry/registry_poller.h"
#include "patterns/registry/registry_watcher.h"
#include "patterns/registry/service_view.h"
#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace discolab::registry;
using namespace discolab::test;
using namespace std::chrono_literals;

namespace {

constexpr HostId kClientHost = 2;

struct Fixture : RegistryFixture {
  using RegistryFixture::RegistryFixture;
  const RecordingObserver::ViewRecord& client_view() const {
    return obs.view("client/users-3", "web");
  }
};

std::vector<InstanceId> ids_of(const EndpointListPtr& list) { return instance_ids(*list); }

template <class Config>
Config named(Config c) {
  c.name = "client/users-3";
  c.service = "web";
  return c;
}

// A blocking-query client with a 10 s wait on a registry holding instance 1, started at 1 s.
struct BlockingFixture : Fixture {
  BlockingFixture() {
    BlockingQueryConfig c = named(BlockingQueryConfig{});
    c.wait = 10s;
    client = std::make_unique<BlockingQueryClient>(rt, kClientHost, server->endpoint(), c);
    writer->register_instance(1, "web", 0s);
    rt.run_until(1s);
    client->start();
  }
  std::unique_ptr<BlockingQueryClient> client;
};

}  // namespace

TEST_CASE("poller: fetches every interval, keeps its list while the registry is down",
          "[registry][poller]") {
  Fixture f;
  PollerConfig c = named(PollerConfig{});
  c.initial_delay = 1s;
  c.random_phase = false;
  std::vector<std::pair<SimTime, std::vector<InstanceId>>> updates;
  RegistryPoller poller(f.rt, kClientHost, f.server->endpoint(), c, [&](const EndpointListPtr& l) {
    updates.emplace_back(f.rt.now(), ids_of(l));
  });
  poller.start();
  f.writer->register_instance(1, "web", 0s);
  f.rt.run_until(5s);
  f.writer->register_instance(2, "web", 0s);
  f.rt.run_until(31s + 2ms - 1ns);
  REQUIRE(ids_of(poller.endpoints()) == std::vector<InstanceId>{1});  // until the next poll
  f.rt.run_until(31s + 2ms);
  REQUIRE(ids_of(poller.endpoints()) == std::vector<InstanceId>{1, 2});
  REQUIRE(updates == std::vector<std::pair<SimTime, std::vector<InstanceId>>>{{1s + 2ms, {1}},
                                                                              {31s + 2ms, {1, 2}}});
  REQUIRE(f.client_view().changes == updates);

  f.rt.set_host_up(kRegistryHost, false);
  f.rt.run_until(96s);  // polls at 61 s and 91 s time out at 66 s and 96 s
  REQUIRE(poller.errors() == 2);
  REQUIRE(f.obs.counted("registry.fetch_errors") == 2);
  REQUIRE(ids_of(poller.endpoints()) == std::vector<InstanceId>{1, 2});  // the last view
  REQUIRE(updates.size() == 2);

  f.rt.set_host_up(kRegistryHost, true);
  f.writer->send(DeregisterRequest{9, "web", 1});
  f.rt.run_until(121s + 2ms);
  REQUIRE(ids_of(poller.endpoints()) == std::vector<InstanceId>{2});
  REQUIRE(poller.index() == 3);
  REQUIRE(poller.errors() == 2);
}

TEST_CASE("poller: a full fetch carries the whole list, a delta only the changes",
          "[registry][poller][size]") {
  Fixture f;
  for (InstanceId i = 1; i <= 4; ++i) f.writer->register_instance(i, "web", 0s);
  f.rt.run_until(1s);
  PollerConfig full = named(PollerConfig{});
  full.delta = false;
  full.endpoint_kind = "full-poller";
  full.random_phase = false;
  PollerConfig delta = named(PollerConfig{});
  delta.endpoint_kind = "delta-poller";
  delta.random_phase = false;
  RegistryPoller p1(f.rt, kClientHost, f.server->endpoint(), full);
  RegistryPoller p2(f.rt, kClientHost, f.server->endpoint(), delta);
  p1.start();
  f.rt.run_until(10s);
  const auto after_one = f.rt.traffic("registry");
  REQUIRE(after_one.bytes == 4 * 200 + (200 + 4 * 1200));  // 4 write replies, one full list
  p2.start();
  f.rt.run_until(25s);  // p2's first fetch (since 0) is a full list too
  REQUIRE(f.rt.traffic("registry").bytes - after_one.bytes == 200 + 4 * 1200);
  f.writer->send(DeregisterRequest{9, "web", 4});
  f.rt.run_until(60s);  // one more poll each, after the removal
  const auto after_two = f.rt.traffic("registry");
  REQUIRE(after_two.bytes - after_one.bytes ==
          (200 + 4 * 1200) + 200 + (200 + 3 * 1200) + (200 + 150));
  REQUIRE(ids_of(p1.endpoints()) == ids_of(p2.endpoints()));
}

TEST_CASE("poller: jittered intervals stay within i(1-j) .. i(1+j)", "[registry][poller][jitter]") {
  ManualRuntime rt(7, 1ms);
  std::vector<SimTime> arrivals;
  EndpointId fake = kNoEndpoint;
  fake = rt.open(0, "registry", [&](const Message& m) {
    arrivals.push_back(rt.now());
    const auto& req = std::any_cast<const FetchRequest&>(m.body);
    rt.send(Message{
        fake, m.from, 200, Plane::control, DeliveryStatus::delivered,
        RegistryReply{req.request_id, WriteError::none, 1, std::make_shared<CatalogUpdate>()}});
  });
  PollerConfig c = named(PollerConfig{});
  c.interval = 10s;
  c.jitter = 0.2;
  c.random_phase = false;
  RegistryPoller poller(rt, kClientHost, fake, c);
  poller.start();
  rt.run_until(1000s);
  REQUIRE(arrivals.size() > 80);
  std::set<Duration> gaps;
  for (std::size_t i = 1; i < arrivals.size(); ++i) {
    const Duration gap = arrivals[i] - arrivals[i - 1];
    REQUIRE(gap >= 8s);
    REQUIRE(gap <= 12s);
    gaps.insert(gap);
  }
  REQUIRE(gaps.size() > arrivals.size() / 2);
}

TEST_CASE("poller: fetches at its start, then with its own random phase",
          "[registry][poller][phase]") {
  ManualRuntime rt(7, 1ms);
  std::map<EndpointId, std::vector<SimTime>> arrivals;  // by the poller's endpoint
  EndpointId fake = kNoEndpoint;
  fake = rt.open(0, "registry", [&](const Message& m) {
    arrivals[m.from].push_back(rt.now());
    const auto& req = std::any_cast<const FetchRequest&>(m.body);
    rt.send(Message{
        fake, m.from, 200, Plane::control, DeliveryStatus::delivered,
        RegistryReply{req.request_id, WriteError::none, 1, std::make_shared<CatalogUpdate>()}});
  });
  std::vector<std::unique_ptr<RegistryPoller>> pollers;
  rt.advance(20s);  // pollers join later than time 0
  for (int k = 0; k < 8; ++k) {
    PollerConfig c = named(PollerConfig{});
    c.name = "client/users-" + std::to_string(k);
    c.interval = 30s;
    pollers.push_back(std::make_unique<RegistryPoller>(rt, kClientHost, fake, c));
    pollers.back()->start();
  }
  rt.run_until(20s + 30s);
  std::set<SimTime> second_fetches;
  for (const auto& [from, times] : arrivals) {
    REQUIRE(times.size() == 2);
    CHECK(times[0] == 20s + 1ms);  // at its start, one hop away
    CHECK(times[1] > times[0]);
    CHECK(times[1] < 20s + 30s + 1ms);
    second_fetches.insert(times[1]);
  }
  CHECK(arrivals.size() == 8);
  CHECK(second_fetches.size() == 8);  // no two in lockstep
}

TEST_CASE("watcher: pushed deltas arrive one hop after the change, resumes after an outage",
          "[registry][watcher]") {
  RegistryServerConfig sc = RegistryServerConfig::etcd();
  sc.watch_progress_interval = 10s;
  Fixture f(sc);
  WatcherConfig c = named(WatcherConfig{});
  c.stream_timeout = 15s;
  RegistryWatcher watcher(f.rt, kClientHost, f.server->endpoint(), c);
  f.writer->register_instance(1, "web", 0s);
  f.rt.run_until(1s);
  watcher.start();
  f.rt.run_until(5s);
  REQUIRE(watcher.subscribed());
  f.writer->register_instance(2, "web", 0s);  // arrives 5.001 s, pushed, arrives 5.002 s
  f.rt.run_until(5s + 2ms - 1ns);
  REQUIRE(ids_of(watcher.endpoints()) == std::vector<InstanceId>{1});
  f.rt.run_until(5s + 2ms);
  REQUIRE(ids_of(watcher.endpoints()) == std::vector<InstanceId>{1, 2});
  f.rt.run_until(40s);
  REQUIRE(watcher.errors() == 0);  // progress notifications kept the quiet stream alive

  f.server->stop();  // the subscription is lost with the process
  // The last progress (sent at 40 s) arrives 40.001 s: silence noticed at 55.001 s; the
  // resubscription is not answered by 60.001 s.
  f.rt.run_until(55s + 1ms - 1ns);
  REQUIRE(watcher.errors() == 0);
  f.rt.run_until(61s);
  REQUIRE(watcher.errors() >= 2);  // silence noticed, resubscriptions unanswered
  REQUIRE(f.obs.counted("registry.watch_errors") == watcher.errors());
  REQUIRE(ids_of(watcher.endpoints()) == std::vector<InstanceId>{1, 2});
  f.server->start();
  f.writer->register_instance(3, "web", 0s);
  f.rt.run_until(70s);
  REQUIRE(watcher.subscribed());
  REQUIRE(ids_of(watcher.endpoints()) == std::vector<InstanceId>{1, 2, 3});
  REQUIRE(watcher.index() == 3);
  f.writer->send(DeregisterRequest{9, "web", 2});
  f.rt.run_until(80s);
  REQUIRE(ids_of(watcher.endpoints()) == std::vector<InstanceId>{1, 3});
  watcher.stop();
  f.rt.run_until(81s);
  REQUIRE(f.server->watcher_count() == 0);
}

TEST_CASE("blocking query: wakes one hop after a change, otherwise after wait + jitter",
          "[registry][blocking]") {
  BlockingFixture f;  // index 0 at 1 s: answered at 1.002 s; the next query parks at 1.003 s
  BlockingQueryClient& client = *f.client;
  f.rt.run_until(4s);
  REQUIRE(client.queries() == 2);
  REQUIRE(ids_of(client.endpoints()) == std::vector<InstanceId>{1});
  f.writer->register_instance(2, "web", 0s);  // arrives 4.001 s: answer arrives 4.002 s
  f.rt.run_until(4s + 2ms);
  REQUIRE(ids_of(client.endpoints()) == std::vector<InstanceId>{1, 2});
  REQUIRE(f.client_view().changes.back().first == 4s + 2ms);
  REQUIRE(client.queries() == 3);  // parked again at 4.003 s
  f.rt.run_until(14s + 3ms - 1ns);
  REQUIRE(client.queries() == 3);  // nothing before the wait is over
  f.rt.run_until(14s + 3ms + 625ms + 1ms);
  REQUIRE(client.queries() == 4);  // answered within wait + wait/16
}

TEST_CASE("blocking query: counts errors while the registry is cut off, recovers after",
          "[registry][blocking][outage]") {
  BlockingFixture f;
  BlockingQueryClient& client = *f.client;
  f.rt.run_until(2s);
  f.rt.set_host_up(kRegistryHost, false);
  f.rt.run_until(60s);
  REQUIRE(client.errors() >= 1);
  REQUIRE(f.obs.counted("registry.query_errors") == client.errors());
  REQUIRE(ids_of(client.endpoints()) == std::vector<InstanceId>{1});
  f.rt.set_host_up(kRegistryHost, true);
  f.writer->register_instance(2, "web", 0s);
  f.rt.run_until(200s);
  REQUIRE(ids_of(client.endpoints()) == std::vector<InstanceId>{1, 2});
}

TEST_CASE("service view: full and delta updates, unsorted or repeating ids, match a map of them",
          "[registry][view]") {
  ManualRuntime rt(3, 1ms);
  ServiceView view(rt, "client/users-3", "web", nullptr);
  std::map<InstanceId, RecordPtr> model;  // the records applied one by one, in order
  std::mt19937 rng(5);
  for (int step = 0; step < 500; ++step) {
    CatalogUpdate u;
    u.full = rng() % 8 == 0;
    if (u.full) model.clear();
    for (unsigned n = rng() % 6; n > 0; --n) {
      auto r = std::make_shared<InstanceRecord>();
      r->id = static_cast<InstanceId>(rng() % 20);
      r->service = rng() % 4 == 0 ? "api" : "web";
      r->name = r->service + "-" + std::to_string(r->id);
      r->endpoint = 100 + r->id;
      r->status = rng() % 3 == 0 ? InstanceStatus::down : InstanceStatus::up;
      const bool removed = !u.full && rng() % 3 == 0;
      u.changes.push_back(Change{r->id, removed, r});
      if (r->service != "web") continue;
      if (removed) {
        model.erase(r->id);
      } else {
        model[r->id] = r;
      }
    }
    view.apply(u);
    std::vector<InstanceId> up;
    for (const auto& [id, r] : model) {
      if (r->status == InstanceStatus::up) up.push_back(id);
    }
    REQUIRE(ids_of(view.endpoints()) == up);
  }
}
