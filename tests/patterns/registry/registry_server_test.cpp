#include "patterns/registry/registry_server.h"

#include <catch2/catch.hpp>
#include <set>

#include "tests/patterns/registry/registry_fixture.h"

using namespace discolab;
using namespace discolab::registry;
using namespace discolab::test;
using namespace std::chrono_literals;

namespace {

struct Fixture : RegistryFixture {
  explicit Fixture(RegistryServerConfig config = {}) : RegistryFixture(std::move(config)) {}
  const RecordingObserver::ViewRecord& view(std::string_view service = "web") const {
    return obs.view("registry/main", service);
  }
  RawClient* client = writer.get();
};

// The timers below tick at start + k × interval (no random phase), so times are exact.
RegistryServerConfig lockstep(RegistryServerConfig c) {
  c.random_phase = false;
  return c;
}

RegistryServerConfig exact_with_sweep(Duration interval) {
  RegistryServerConfig c = lockstep(RegistryServerConfig::consul());
  c.eviction_interval = interval;
  return c;
}

}  // namespace

TEST_CASE("an expired lease is evicted at the first sweep after its deadline",
          "[registry][server][lease]") {
  Fixture f(exact_with_sweep(60s));
  f.client->register_instance(1, "web", 90s);  // arrives at 1 ms: deadline 90.001 s
  f.rt.run_until(1ms);
  REQUIRE(f.view().changes.size() == 1);
  REQUIRE(f.view().changes[0].second == std::vector<InstanceId>{1});
  f.rt.run_until(120s - 1ns);  // the sweep at 60 s finds it alive; 90.001 s passes unswept
  REQUIRE(f.server->catalog().find(1) != nullptr);
  f.rt.run_until(120s);
  REQUIRE(f.server->catalog().find(1) == nullptr);
  REQUIRE(f.view().changes.size() == 2);
  REQUIRE(f.view().changes[1] == std::pair<SimTime, std::vector<InstanceId>>{120s, {}});
  REQUIRE(f.obs.counted("registry.expired") == 1);
}

TEST_CASE("without a sweep interval a lease is evicted exactly at its deadline",
          "[registry][server][lease]") {
  Fixture f(exact_with_sweep(0s));
  f.client->register_instance(1, "web", 10s);
  f.rt.run_until(5s);
  f.client->send(RenewRequest{9, "web", 1});  // arrives 5.001 s: deadline 15.001 s
  f.rt.run_until(15s + 1ms - 1ns);
  REQUIRE(f.server->catalog().find(1) != nullptr);
  f.rt.run_until(15s + 1ms);
  REQUIRE(f.server->catalog().find(1) == nullptr);
  REQUIRE(f.view().changes.back().first == 15s + 1ms);
}

TEST_CASE("Eureka preset: a silent instance goes 2x lease after its last renewal, at a sweep",
          "[registry][server][lease][eureka]") {
  Fixture f(lockstep(RegistryServerConfig::eureka()));
  f.client->register_instance(1, "web", 90s);
  f.rt.run_until(30s);
  f.client->send(RenewRequest{9, "web", 1});  // renewed at 30.001 s, then the instance dies
  f.rt.run_until(31s);
  REQUIRE(f.server->catalog().expires_at(1) == 210s + 1ms + 1ns);
  f.rt.run_until(240s - 1ns);  // sweeps at 60, 120, 180 s: not yet; 210.001 s is unswept
  REQUIRE(f.server->catalog().find(1) != nullptr);
  f.rt.run_until(240s);
  REQUIRE(f.server->catalog().find(1) == nullptr);
  REQUIRE(f.view().changes.back().first == 240s);
}

TEST_CASE("Eureka rule with exact eviction: gone one tick after 2x lease",
          "[registry][server][lease][eureka]") {
  RegistryServerConfig c = RegistryServerConfig::eureka();
  c.eviction_interval = 0s;
  Fixture f(c);
  f.client->register_instance(1, "web", 90s);
  f.rt.run_until(30s);
  f.client->send(RenewRequest{9, "web", 1});
  f.rt.run_until(210s + 1ms);
  REQUIRE(f.server->catalog().find(1) != nullptr);
  f.rt.run_until(210s + 1ms + 1ns);
  REQUIRE(f.server->catalog().find(1) == nullptr);
}

TEST_CASE("deregistration takes effect the instant it arrives", "[registry][server]") {
  Fixture f;
  f.client->register_instance(1, "web", 90s);
  f.client->register_instance(2, "web", 90s);
  f.rt.run_until(10s);
  f.client->send(DeregisterRequest{9, "web", 1});
  f.rt.run_until(10s + 1ms);
  REQUIRE(f.view().changes.back() == std::pair<SimTime, std::vector<InstanceId>>{10s + 1ms, {2}});
  f.rt.run_until(10s + 2ms);
  REQUIRE(f.client->last_reply().error == WriteError::none);
  REQUIRE(f.client->last_reply().index == 3);
}

TEST_CASE("the read-only response cache serves stale lists until its refresh",
          "[registry][server][cache]") {
  Fixture f(lockstep(RegistryServerConfig::eureka()));  // refresh every 30 s from t = 0
  f.client->register_instance(1, "web", 90s);
  f.rt.run_until(1s);
  f.client->send(FetchRequest{10, "web", 0});  // snapshot taken at 1.001 s
  f.rt.run_until(5s);
  f.client->register_instance(2, "web", 90s);
  f.rt.run_until(29s);
  f.client->send(FetchRequest{11, "web", 0});
  f.client->send(FetchRequest{12, "web", 1});  // delta since index 1
  f.rt.run_until(30s - 1ms - 1ns);
  f.client->send(FetchRequest{13, "web", 0});  // arrives just before the refresh at 30 s
  f.rt.run_until(30s - 1ms);
  f.client->send(FetchRequest{14, "web", 0});  // arrives at 30 s, after the refresh
  f.client->send(FetchRequest{15, "web", 1});
  f.rt.run_until(31s);

  std::map<std::uint64_t, RegistryReply> by_id;
  for (const auto& [t, r] : f.client->replies) by_id[r.request_id] = r;
  REQUIRE(ids(*by_id.at(10).update) == std::vector<InstanceId>{1});
  REQUIRE(ids(*by_id.at(11).update) == std::vector<InstanceId>{1});  // stale
  REQUIRE(by_id.at(11).index == 1);
  REQUIRE(by_id.at(12).update->changes.empty());  // the cached delta knows nothing new
  REQUIRE(ids(*by_id.at(13).update) == std::vector<InstanceId>{1});
  REQUIRE(ids(*by_id.at(14).update) == std::vector<InstanceId>{1, 2});
  REQUIRE(by_id.at(14).index == 2);
  REQUIRE(ids(*by_id.at(15).update) == std::vector<InstanceId>{2});
  REQUIRE_FALSE(by_id.at(15).update->full);
}

TEST_CASE("a blocking query wakes on a change of its service", "[registry][server][query]") {
  Fixture f(RegistryServerConfig::consul());
  f.client->register_instance(1, "web", 90s);
  f.client->register_instance(5, "db", 90s);
  f.rt.run_until(1s);
  f.client->send(BlockingQueryRequest{20, "web", 0, 10s});  // index 0: answered at once
  f.rt.run_until(2s);
  REQUIRE(f.client->replies.back().first == 1s + 2ms);
  const std::uint64_t index = f.client->last_reply().index;
  REQUIRE(index == 1);  // the service's index, not the catalog's (2)
  f.client->send(BlockingQueryRequest{21, "web", index, 10s});
  f.rt.run_until(3s);
  f.client->register_instance(6, "db", 90s);  // another service: keeps sleeping
  f.rt.run_until(4s);
  REQUIRE(f.server->parked_queries() == 1);
  f.client->register_instance(2, "web", 90s);  // arrives 4.001 s
  f.rt.run_until(5s);
  REQUIRE(f.server->parked_queries() == 0);
  REQUIRE(f.client->replies.back().first == 4s + 2ms);
  REQUIRE(f.client->last_reply().request_id == 21);
  REQUIRE(ids(*f.client->last_reply().update) == std::vector<InstanceId>{1, 2});
  REQUIRE(f.client->last_reply().index == 4);
}

TEST_CASE("an idle blocking query returns after wait plus a stagger from 0 up to wait/16",
          "[registry][server][query][jitter]") {
  Fixture f(RegistryServerConfig::consul());
  f.client->register_instance(1, "web", 0s);  // no lease: nothing changes while we wait
  f.rt.run_until(1s);
  std::set<Duration> staggers;
  for (int i = 0; i < 40; ++i) {
    const SimTime arrives = f.rt.now() + 1ms;
    f.client->send(BlockingQueryRequest{100u + i, "web", 1, 16s});
    f.rt.run_until(f.rt.now() + 20s);
    REQUIRE(f.client->last_reply().request_id == 100u + i);
    const Duration stagger = f.client->replies.back().first - 1ms - arrives - 16s;
    REQUIRE(stagger >= 0s);
    REQUIRE(stagger < 1s);
    staggers.insert(stagger);
  }
  REQUIRE(staggers.size() > 30);  // really random, not a constant offset
  // A wait above the maximum is cut to it (600 s).
  const SimTime arrives = f.rt.now() + 1ms;
  f.client->send(BlockingQueryRequest{999, "web", 1, 3600s});
  f.rt.run_until(f.rt.now() + 700s);
  const Duration waited = f.client->replies.back().first - 1ms - arrives;
  REQUIRE(waited >= 600s);
  REQUIRE(waited < 600s + 37500ms);
}

TEST_CASE("a watch pushes each change to every watcher as a delta, with its size",
          "[registry][server][watch]") {
  Fixture f(RegistryServerConfig::etcd());
  f.client->register_instance(1, "web", 0s);
  f.rt.run_until(1s);
  std::vector<std::unique_ptr<RawClient>> watchers;
  for (HostId h = 2; h < 5; ++h) {
    watchers.push_back(std::make_unique<RawClient>(f.rt, f.server->endpoint(), h));
    watchers.back()->send(WatchRequest{50, "web", 0, true});
  }
  f.rt.run_until(2s);
  REQUIRE(f.server->watcher_count() == 3);
  for (const auto& w : watchers) {
    REQUIRE(w->last_reply().update->full);
    REQUIRE(ids(*w->last_reply().update) == std::vector<InstanceId>{1});
  }
  f.rt.run_until(10s);
  const auto before = f.rt.traffic("registry");
  f.client->register_instance(2, "web", 0s);  // arrives 10.001 s, pushed at once
  f.rt.run_until(11s);
  f.client->register_instance(2, "web", 0s);  // identical: nothing to push
  f.rt.run_until(12s);
  for (const auto& w : watchers) {
    REQUIRE(w->events.size() == 1);
    REQUIRE(w->events[0].first == 10s + 2ms);
    REQUIRE(w->events[0].second.request_id == 50);
    REQUIRE_FALSE(w->events[0].second.update->full);
    REQUIRE(ids(*w->events[0].second.update) == std::vector<InstanceId>{2});
  }
  // Two write replies to the writer (200 B each) and three events of one record (1400 B).
  const auto after = f.rt.traffic("registry");
  REQUIRE(after.messages - before.messages == 5);
  REQUIRE(after.bytes - before.bytes == 2 * 200 + 3 * (200 + 1200));
  // A watcher that went away is dropped when the next push bounces.
  f.rt.close(watchers[0]->endpoint);
  f.client->send(DeregisterRequest{9, "web", 2});
  f.rt.run_until(20s);
  REQUIRE(f.server->watcher_count() == 2);
  REQUIRE(watchers[1]->events.back().second.update->changes.at(0).removed);
  // Progress notifications every 600 s keep quiet streams alive.
  f.rt.run_until(600s + 1ms - 1ns);
  REQUIRE(watchers[1]->events.size() == 2);
  f.rt.run_until(600s + 1ms);
  REQUIRE(watchers[1]->events.size() == 3);
  REQUIRE(watchers[1]->events.back().second.update == nullptr);
}

TEST_CASE("ACL: an identity writes only under its own service, rejections are counted",
          "[registry][server][acl]") {
  RegistryServerConfig c;
  c.acl.enabled = true;
  c.acl.grants["orchestrator"] = {"*"};
  Fixture f(c);
  f.client->register_instance(1, "web", 90s, "web");
  f.client->register_instance(2, "api", 90s, "web");  // a rogue registration
  f.client->register_instance(3, "api", 90s, "orchestrator");
  f.client->send(RenewRequest{9, "api", 1});        // renewing someone else's lease
  f.client->send(DeregisterRequest{10, "api", 1});  // or removing it
  f.rt.run_until(1s);
  std::vector<WriteError> errors;
  for (const auto& [t, r] : f.client->replies) errors.push_back(r.error);
  REQUIRE(errors == std::vector<WriteError>{WriteError::none, WriteError::acl_denied,
                                            WriteError::none, WriteError::acl_denied,
                                            WriteError::acl_denied});
  REQUIRE(f.obs.counted("registry.acl_rejected") == 3);
  REQUIRE(f.server->catalog().serving("api") == std::vector<InstanceId>{3});
  REQUIRE(f.server->catalog().serving("web") == std::vector<InstanceId>{1});
}

TEST_CASE("payload sizes follow what is sent: a full list versus a delta",
          "[registry][server][size]") {
  Fixture f(RegistryServerConfig::consul());
  for (InstanceId i = 1; i <= 3; ++i) f.client->register_instance(i, "web", 90s);
  f.client->send(DeregisterRequest{9, "web", 3});
  f.rt.run_until(1s);
  auto before = f.rt.traffic("registry");
  f.client->send(FetchRequest{10, "web", 0});
  f.rt.run_until(2s);
  REQUIRE(f.rt.traffic("registry").bytes - before.bytes == 200 + 2 * 1200);
  before = f.rt.traffic("registry");
  f.client->send(FetchRequest{11, "web", 2});  // since 2: instance 3 added then removed
  f.rt.run_until(3s);
  REQUIRE(f.rt.traffic("registry").bytes - before.bytes == 200 + 150);
}

TEST_CASE("a stopped registry answers nothing, on restart leases count from then",
          "[registry][server][outage]") {
  Fixture f(exact_with_sweep(0s));
  f.client->register_instance(1, "web", 10s);
  f.rt.run_until(1s);
  f.server->stop();
  f.client->send(FetchRequest{10, "web", 0});
  f.rt.run_until(20s);
  REQUIRE(f.client->replies.size() == 1);           // only the registration's reply
  REQUIRE(f.server->catalog().find(1) != nullptr);  // nobody evicted while down
  f.server->start();
  REQUIRE(f.server->catalog().expires_at(1) == 30s);
  f.rt.run_until(30s);
  REQUIRE(f.server->catalog().find(1) == nullptr);
}
