#include "patterns/configsync/config_sync.h"

#include <catch2/catch.hpp>

#include "patterns/core/manual_runtime.h"
#include "patterns/registry/registry_server.h"
#include "patterns/registry/registry_watcher.h"
#include "tests/patterns/registry/raw_client.h"
#include "tests/patterns/registry/recording_observer.h"

using namespace discolab;
using namespace discolab::configsync;
using namespace std::chrono_literals;

namespace {

// A load balancer that records what it was told, and when.
struct FakeLb final : ReloadTarget {
  explicit FakeLb(const Runtime& rt) : rt(rt) {}
  void begin_reload(SimTime ends_at, bool hitless) override {
    begins.emplace_back(rt.now(), ends_at);
    last_hitless = hitless;
  }
  void apply(EndpointListPtr backends) override {
    applies.emplace_back(rt.now(), instance_ids(*backends));
  }
  const Runtime& rt;
  std::vector<std::pair<SimTime, SimTime>> begins;
  std::vector<std::pair<SimTime, std::vector<InstanceId>>> applies;
  bool last_hitless = false;
};

EndpointListPtr list_of(std::vector<InstanceId> ids) {
  auto l = std::make_shared<EndpointList>();
  for (InstanceId id : ids) l->push_back(ServiceEndpoint{id, 100 + id, 1, 1, 0});
  return l;
}

struct Fixture {
  explicit Fixture(ConfigSyncConfig c) {
    rt.set_observer(obs);  // before the sync opens its view
    sync = std::make_unique<ConfigSync>(rt, std::move(c), lb);
  }
  ManualRuntime rt{1, 1ms};
  test::RecordingObserver obs{rt};
  FakeLb lb{rt};
  std::unique_ptr<ConfigSync> sync;
};

ConfigSyncConfig base() {
  ConfigSyncConfig c;
  c.service = "web";
  c.reload_duration = 2s;
  return c;
}

}  // namespace

TEST_CASE("without wait a change renders at once, new connections fail during the reload",
          "[configsync][reload]") {
  Fixture f(base());
  f.rt.run_until(10s);
  f.sync->update(list_of({1, 2}));
  REQUIRE(f.lb.begins == std::vector<std::pair<SimTime, SimTime>>{{10s, 12s}});
  REQUIRE_FALSE(f.lb.last_hitless);
  REQUIRE(f.sync->admission().action == Admission::refuse);
  f.rt.run_until(12s - 1ns);
  REQUIRE(f.sync->admission().action == Admission::refuse);
  REQUIRE(f.lb.applies.empty());
  f.rt.run_until(12s);
  REQUIRE(f.sync->admission().action == Admission::accept);
  REQUIRE(f.lb.applies == std::vector<std::pair<SimTime, std::vector<InstanceId>>>{{12s, {1, 2}}});
  REQUIRE(instance_ids(*f.sync->applied()) == std::vector<InstanceId>{1, 2});
}

TEST_CASE("a hitless reload holds new connections until it ends", "[configsync][reload]") {
  ConfigSyncConfig c = base();
  c.hitless = true;
  Fixture f(c);
  f.rt.run_until(1s);
  f.sync->update(list_of({1}));
  REQUIRE(f.lb.last_hitless);
  f.rt.run_until(2s);
  const AdmissionDecision d = f.sync->admission();
  REQUIRE(d.action == Admission::hold);
  REQUIRE(d.until == 3s);
  f.rt.run_until(3s);
  REQUIRE(f.sync->admission().action == Admission::accept);
}

TEST_CASE("wait min: each change postpones the render to min after it", "[configsync][wait]") {
  ConfigSyncConfig c = base();
  c.wait_min = 5s;
  c.wait_max = 20s;
  Fixture f(c);
  f.sync->update(list_of({1}));
  f.rt.run_until(3s);
  f.sync->update(list_of({1, 2}));
  REQUIRE(f.sync->render_at() == 8s);
  f.rt.run_until(8s - 1ns);
  REQUIRE(f.lb.begins.empty());
  f.rt.run_until(8s);
  REQUIRE(f.lb.begins.size() == 1);
  REQUIRE(f.lb.begins[0].first == 8s);
  f.rt.run_until(10s);
  REQUIRE(f.lb.applies.back() == std::pair<SimTime, std::vector<InstanceId>>{10s, {1, 2}});
}

TEST_CASE("wait max: a steady stream of changes still renders max after the first",
          "[configsync][wait]") {
  ConfigSyncConfig c = base();
  c.wait_min = 5s;
  c.wait_max = 12s;
  Fixture f(c);
  for (int i = 0; i < 6; ++i) {  // changes at 0, 3, 6, 9, 12, 15 s
    f.rt.run_until(3s * i);
    if (f.rt.now() < 12s) f.sync->update(list_of({static_cast<InstanceId>(i + 1)}));
  }
  f.rt.run_until(30s);
  REQUIRE(f.lb.begins.size() == 1);
  REQUIRE(f.lb.begins[0].first == 12s);  // not 14 s (9 + min)
  REQUIRE(f.lb.applies.back().second == std::vector<InstanceId>{4});
}

TEST_CASE("wait with only min given: max is 4 x min", "[configsync][wait]") {
  ConfigSyncConfig c = base();
  c.wait_min = 2s;
  Fixture f(c);
  for (int i = 0; i <= 10; ++i) {  // a change every second
    f.rt.run_until(1s * i);
    f.sync->update(list_of({static_cast<InstanceId>(i + 1)}));
  }
  REQUIRE(f.lb.begins.size() == 1);
  REQUIRE(f.lb.begins[0].first == 8s);
}

TEST_CASE("an unchanged render does not reload", "[configsync][reload]") {
  Fixture f(base());
  f.sync->update(list_of({1, 2}));
  f.rt.run_until(5s);
  f.sync->update(list_of({1, 2}));
  f.rt.run_until(10s);
  REQUIRE(f.sync->reloads() == 1);
  REQUIRE(f.obs.counted("configsync.unchanged_renders") == 1);
}

TEST_CASE("renders during a reload or within the minimum interval are coalesced",
          "[configsync][reload]") {
  ConfigSyncConfig c = base();
  c.min_reload_interval = 10s;
  Fixture f(c);
  f.sync->update(list_of({1}));  // reload 0..2 s
  f.rt.run_until(1s);
  f.sync->update(list_of({1, 2}));  // during the reload
  f.rt.run_until(4s);
  f.sync->update(list_of({1, 2, 3}));  // the latest wins
  f.rt.run_until(30s);
  REQUIRE(f.lb.begins == std::vector<std::pair<SimTime, SimTime>>{{0s, 2s}, {10s, 12s}});
  REQUIRE(f.lb.applies ==
          std::vector<std::pair<SimTime, std::vector<InstanceId>>>{{2s, {1}}, {12s, {1, 2, 3}}});
}

TEST_CASE("the applied set is reported as a view when it takes effect", "[configsync][view]") {
  ConfigSyncConfig c = base();
  c.name = "lb/haproxy-1";
  Fixture f(c);
  f.rt.run_until(1s);
  f.sync->update(list_of({4, 7}));
  f.rt.run_until(5s);
  const auto& v = f.obs.view("lb/haproxy-1", "web");
  REQUIRE(v.changes == std::vector<std::pair<SimTime, std::vector<InstanceId>>>{{3s, {4, 7}}});
}

TEST_CASE("end to end: registry watch -> wait -> render -> reload", "[configsync][registry]") {
  ManualRuntime rt(1, 1ms);
  registry::RegistryServer server(rt, 0, registry::RegistryServerConfig::etcd());
  test::RawClient writer(rt, server.endpoint());
  FakeLb lb(rt);
  ConfigSyncConfig c = base();
  c.wait_min = 1s;
  c.wait_max = 4s;
  ConfigSync sync(rt, c, lb);
  registry::WatcherConfig wc;
  wc.name = "lb/haproxy-1";
  wc.service = "web";
  registry::RegistryWatcher watcher(rt, 5, server.endpoint(), wc,
                                    [&](const EndpointListPtr& l) { sync.update(l); });
  watcher.start();  // first (empty) answer at 2 ms: renders at 1.002 s, applies at 3.002 s
  rt.run_until(10s);
  writer.register_instance(1, "web", 0s);  // pushed to the watcher at 10.002 s
  rt.run_until(20s);
  REQUIRE(lb.applies == std::vector<std::pair<SimTime, std::vector<InstanceId>>>{{3s + 2ms, {}},
                                                                                 {13s + 2ms, {1}}});
}
