#include "sim/cluster/cluster.h"

#include <catch2/catch.hpp>

#include "cluster_fixture.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {
Scenario one_service(int replicas) {
  Scenario sc;
  sc.services.push_back(make_service("web", replicas));
  sc.services[0].startup = 2s;
  sc.services[0].readiness = 1s;
  sc.services[0].drain = 3s;
  return sc;
}
}  // namespace

TEST_CASE("containers go scheduled -> starting -> ready at the configured delays",
          "[cluster][lifecycle]") {
  ClusterFixture f(one_service(2));
  f.cluster.start();
  REQUIRE(f.cluster.container_count() == 2);
  REQUIRE(f.cluster.container(0).state == ContainerState::scheduled);
  f.rt.advance(2s);
  REQUIRE(f.cluster.container(0).state == ContainerState::starting);
  REQUIRE(f.cluster.container(0).endpoint != kNoEndpoint);
  REQUIRE(f.events.ready_count() == 0);
  f.rt.advance(1s);
  REQUIRE(f.cluster.container(0).state == ContainerState::ready);
  REQUIRE(f.events.ready_count() == 2);
  REQUIRE(f.pattern.log ==
          std::vector<std::string>{"started web-0", "started web-1", "ready 0", "ready 1"});
}

TEST_CASE("a graceful stop says goodbye, drains, then is gone", "[cluster][lifecycle]") {
  ClusterFixture f(one_service(1));
  f.cluster.start();
  f.rt.advance(3s);
  f.cluster.stop(0);
  REQUIRE(f.cluster.container(0).state == ContainerState::terminating);
  REQUIRE_FALSE(f.events.ready[0]);
  REQUIRE(f.pattern.log.back() == "stopping 0");
  f.rt.advance(2999ms);
  REQUIRE(f.cluster.container(0).state == ContainerState::terminating);
  f.rt.advance(1ms);
  REQUIRE(f.cluster.container(0).state == ContainerState::gone);
  REQUIRE(f.pattern.log.back() == "gone 0");
  // A graceful stop is intentional: no replacement.
  f.rt.advance(1min);
  REQUIRE(f.cluster.container_count() == 1);
}

TEST_CASE("a crash has no goodbye and is restarted after the delay on the same host",
          "[cluster][lifecycle]") {
  Scenario sc = one_service(1);
  sc.churn.crashes.restart_delay = 10s;
  ClusterFixture f(sc);
  f.cluster.start();
  f.rt.advance(3s);
  const HostId host = f.cluster.container(0).host;
  f.cluster.crash(0, "test");
  REQUIRE(f.cluster.container(0).state == ContainerState::gone);
  REQUIRE_FALSE(f.events.ready[0]);
  REQUIRE(f.pattern.log[f.pattern.log.size() - 2] == "crashed 0");
  f.rt.advance(9999ms);
  REQUIRE(f.cluster.container_count() == 1);
  f.rt.advance(1ms);
  REQUIRE(f.cluster.container_count() == 2);
  REQUIRE(f.cluster.container(1).slot == 0);
  REQUIRE(f.cluster.container(1).incarnation == 1);
  REQUIRE(f.cluster.container(1).name == "web-0.1");
  REQUIRE(f.cluster.container(1).host == host);
}

TEST_CASE("a host failure takes its containers down and they are replaced elsewhere",
          "[cluster][hosts]") {
  Scenario sc = one_service(8);
  sc.churn.crashes.restart_delay = 5s;
  ClusterFixture f(sc, 4);
  f.cluster.start();
  f.rt.advance(3s);
  REQUIRE(f.events.ready_count() == 8);
  const HostId failed = 1;
  f.cluster.fail_host(failed);
  REQUIRE_FALSE(f.rt.host_up(failed));
  REQUIRE(f.events.ready_count() == 6);  // two per host
  f.rt.advance(5s + 3s);
  REQUIRE(f.events.ready_count() == 8);
  for (InstanceId id : f.cluster.instances(0, ContainerState::ready)) {
    REQUIRE(f.cluster.container(id).host != failed);
  }
  f.cluster.recover_host(failed);
  REQUIRE(f.rt.host_up(failed));
}

TEST_CASE("placement spreads replicas over the least-loaded hosts", "[cluster][scheduler]") {
  ClusterFixture f(one_service(8), 4);
  f.cluster.start();
  std::map<HostId, int> per_host;
  for (std::size_t i = 0; i < f.cluster.container_count(); ++i)
    ++per_host[f.cluster.container(i).host];
  REQUIRE(per_host.size() == 4);
  for (const auto& [h, n] : per_host) REQUIRE(n == 2);
}

TEST_CASE("a rolling update replaces every instance within its surge and unavailability bounds",
          "[cluster][rolling]") {
  Scenario sc = one_service(6);
  RollingUpdateSpec update;
  update.service = "web";
  update.at = 10s;
  update.batch_size = 2;
  update.max_unavailable = 1;
  update.version = "v2";
  sc.churn.rolling_updates.push_back(update);
  ClusterFixture f(sc);
  f.cluster.start();
  int min_ready = 1000, max_counted = 0;
  for (int step = 0; step < 600; ++step) {
    f.rt.advance(100ms);
    if (f.rt.now() < 10s) continue;
    int counted = 0;
    for (std::size_t i = 0; i < f.cluster.container_count(); ++i) {
      counted += f.cluster.container(static_cast<InstanceId>(i)).counted() ? 1 : 0;
    }
    min_ready = std::min(min_ready, f.events.ready_count());
    max_counted = std::max(max_counted, counted);
  }
  const auto ready = f.cluster.instances(0, ContainerState::ready);
  REQUIRE(ready.size() == 6);
  for (InstanceId id : ready) REQUIRE(f.cluster.container(id).version == "v2");
  REQUIRE(min_ready >= 5);                         // replicas - max_unavailable
  REQUIRE(max_counted <= 8);                       // replicas + batch_size
  REQUIRE(f.events.count("rolling_update") == 2);  // started, finished
}

TEST_CASE("the initial deployment is ready once every initial replica was ready once",
          "[cluster][deployment]") {
  Scenario sc = one_service(2);
  sc.services.push_back(make_service("api", 1));
  sc.services[1].startup = 5s;
  sc.services[1].readiness = 1s;
  sc.services.push_back(make_service("idle", 0));
  sc.churn.crashes.restart_delay = 5s;
  ClusterFixture f(sc);
  std::vector<SimTime> fired;
  f.cluster.on_deployment_ready([&] { fired.push_back(f.rt.now()); });
  f.cluster.start();
  f.rt.advance(1s);
  f.cluster.crash(0, "test");  // web-0 never became ready: its replacement must
  f.rt.advance(7s);            // web-1 ready at 3 s, api-0 at 6 s
  CHECK(fired.empty());
  CHECK_FALSE(f.cluster.deployment_ready_at().has_value());
  f.rt.advance(1s);  // web-0.1: scheduled at 6 s, starting at 8 s, ready at 9 s
  REQUIRE(fired == std::vector<SimTime>{SimTime{} + 9s});
  CHECK(f.cluster.deployment_ready_at() == SimTime{} + 9s);
  CHECK(f.events.count("deployment_ready") == 1);
  f.cluster.crash(1, "test");  // later churn does not signal again
  f.rt.advance(20s);
  CHECK(fired.size() == 1);
  CHECK(f.events.count("deployment_ready") == 1);
}

TEST_CASE("a cluster with no replicas is deployed at its start", "[cluster][deployment]") {
  ClusterFixture f(one_service(0));
  bool fired = false;
  f.cluster.on_deployment_ready([&] { fired = true; });
  f.cluster.start();
  CHECK(fired);
  CHECK(f.cluster.deployment_ready_at() == SimTime{});
}
