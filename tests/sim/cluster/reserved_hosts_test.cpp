#include <catch2/catch.hpp>

#include "cluster_fixture.h"
#include "sim/cluster/cluster.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

Scenario reserving(std::vector<std::string> hosts, int replicas) {
  Scenario sc;
  sc.services.push_back(make_service("web", replicas));
  sc.churn.crashes.rate_per_instance_per_s = 1.0 / 20.0;  // many restarts, to place often
  sc.churn.crashes.restart_delay = 1s;
  for (std::string& host : hosts)
    sc.platform.reserved.push_back({ComponentRole::load_balancer, host});
  return sc;
}

}  // namespace

TEST_CASE("no container is ever placed on a host reserved for a component",
          "[cluster][scheduler]") {
  Scenario sc = reserving({"host0", "host2"}, 9);
  sc.churn.host_failures.push_back({"host1", 30s, 30s});  // forces replacements elsewhere
  ClusterFixture f(sc, 4);
  f.cluster.start();
  f.rt.advance(5min);
  REQUIRE(f.cluster.container_count() > 20);  // crashes and the host failure placed many more
  int on_host3 = 0;
  for (std::size_t id = 0; id < f.cluster.container_count(); ++id) {
    const HostId host = f.cluster.container(static_cast<InstanceId>(id)).host;
    CHECK(host != 0);
    CHECK(host != 2);
    on_host3 += host == 3 ? 1 : 0;
  }
  CHECK(on_host3 > 0);  // while host1 was down, everything went to host3
  CHECK(f.cluster.reserved(0));
  CHECK_FALSE(f.cluster.reserved(1));
}

TEST_CASE("a cluster whose every host is reserved is refused", "[cluster][scheduler]") {
  const Scenario sc = reserving({"host0", "host1"}, 1);
  ManualRuntime rt(1);
  RecordingPattern pattern;
  RecordingEvents events(rt);
  CHECK_THROWS_WITH(Cluster(rt, sc, make_hosts(2), pattern, events, [](HostId, bool) {}),
                    "cluster: platform.reserved reserves every host (2); containers need one");
  CHECK_THROWS_WITH(
      Cluster(rt, reserving({"host7"}, 1), make_hosts(2), pattern, events, [](HostId, bool) {}),
      "cluster: platform.reserved: unknown host host7");
}
