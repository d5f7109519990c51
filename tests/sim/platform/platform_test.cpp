// Platform: generated topologies, their routes and the delay model.
#include "sim/platform/platform.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/platform/topology.h"
#include "sim/scenario/host_names.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

PlatformSpec leaf_spine(int racks, int hosts_per_rack) {
  PlatformSpec spec;
  spec.topology = Topology::leaf_spine;
  spec.racks = racks;
  spec.hosts_per_rack = hosts_per_rack;
  spec.host_link = LinkSpec{50us, 10e9};
  spec.spine_link = LinkSpec{100us, 40e9};
  return spec;
}

PlatformSpec star(int hosts) {
  PlatformSpec spec;
  spec.topology = Topology::star;
  spec.hosts_per_rack = hosts;
  spec.host_link = LinkSpec{20us, 1e9};
  return spec;
}

}  // namespace

TEST_CASE("star: host<h> on one switch, named as the scenario loader names them") {
  const Platform p = make_platform(star(5));
  REQUIRE(p.host_count() == 5);
  CHECK(p.zone_count() == 1);
  for (HostId h = 0; h < 5; ++h) {
    CHECK(p.host_name(h) == "host" + std::to_string(h));
    CHECK(p.host_name(h) == platform_host_names(star(5))[h]);
    CHECK(p.zone_of(h) == 0);
  }
  const RouteModel r = p.route(0, 4);
  CHECK(r.latency == 40us);  // up the host's link, down the other's
  CHECK(r.bandwidth_bps == 1e9);
}

TEST_CASE("leaf-spine: hosts are rack-major and named rack<r>-host<h>") {
  const Platform p = make_platform(leaf_spine(3, 4));
  REQUIRE(p.host_count() == 12);
  CHECK(p.zone_count() == 3);
  CHECK(p.host_name(0) == "rack0-host0");
  CHECK(p.host_name(5) == "rack1-host1");
  CHECK(p.zone_of(5) == 1);
  CHECK(p.host_name(11) == "rack2-host3");
  CHECK(p.host_by_name("rack2-host3") == 11);
  CHECK(p.host_by_name("rack1-host1") == 5);
  CHECK(p.host_by_name("rack9-host0") == kNoHost);
}

TEST_CASE("leaf-spine: cross-rack routes climb to the spine, same-rack routes do not") {
  const Platform p = make_platform(leaf_spine(2, 3));
  const HostId a = p.host_by_name("rack0-host0");
  const HostId b = p.host_by_name("rack0-host2");
  const HostId c = p.host_by_name("rack1-host1");
  CHECK(p.route(a, b).latency == 100us);
  CHECK(p.route(a, c).latency == 300us);
  CHECK(p.route(c, a).latency == 300us);
  CHECK(p.route(a, c).bandwidth_bps == 10e9);  // host links are the bottleneck
}

TEST_CASE("leaf-spine: a slow spine is the bottleneck of cross-rack routes only") {
  PlatformSpec spec = leaf_spine(2, 2);
  spec.spine_link.bandwidth_bps = 1e9;
  const Platform p = make_platform(spec);
  CHECK(p.route(0, 1).bandwidth_bps == 10e9);
  CHECK(p.route(0, 2).bandwidth_bps == 1e9);
}

TEST_CASE("delay is latency plus size over the bottleneck bandwidth") {
  const Platform p = make_platform(leaf_spine(2, 2));
  // 1 MB over 10 Gbit/s: 8e6 bits / 1e10 bit/s = 800 µs, after 300 µs of latency.
  CHECK(p.delay(0, 2, 1'000'000) == 1100us);
  CHECK(p.delay(0, 2, 0) == 300us);
  // 1 byte: 0.8 ns, rounded to 1 ns.
  CHECK(p.delay(0, 1, 1) == 100us + 1ns);
}

TEST_CASE("same-host messages take the loopback latency only") {
  const Platform p = make_platform(star(2));
  CHECK(p.delay(1, 1, 10'000'000) == kLoopbackLatency);
  CHECK(p.route(1, 1).latency == kLoopbackLatency);
  CHECK(std::isinf(p.route(1, 1).bandwidth_bps));
}

TEST_CASE("bad platform specs are rejected with a clear error") {
  PlatformSpec spec = leaf_spine(0, 4);
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("racks"));
  spec = leaf_spine(2, 0);
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("hosts_per_rack"));
  spec = star(0);
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("hosts_per_rack"));
  spec = leaf_spine(2, 2);
  spec.spine_link.bandwidth_bps = 0;
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("spine_link.bandwidth_bps"));
  spec = star(2);
  spec.host_link.bandwidth_bps = std::nan("");
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("host_link.bandwidth_bps"));
  spec = star(2);
  spec.host_link.latency = -1us;
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("host_link.latency"));
  spec = star(2);
  spec.host_speed_flops = 0;
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("host_speed_flops"));
  spec.topology = Topology::file;
  spec.file = "";
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("file"));
  CHECK_THROWS_AS(make_platform(star(2)).route(0, 2), std::out_of_range);
}

TEST_CASE("routes take the lowest latency, then the fewest hops") {
  // Two switches joined directly (1 ms) and through a third switch (2 × 10 µs).
  Network net;
  auto add = [&](std::string name, bool host) {
    return add_network_node(net, NetworkNode{std::move(name), host, 0});
  };
  auto link = [&](NetworkVertex a, NetworkVertex b, Duration latency) {
    add_network_link(net, a, b, NetworkLink{"l" + std::to_string(net.links.size()), latency, 1e9});
  };
  const auto h0 = add("h0", true);
  const auto h1 = add("h1", true);
  const auto s0 = add("s0", false);
  const auto s1 = add("s1", false);
  const auto s2 = add("s2", false);
  link(h0, s0, 1us);
  link(h1, s1, 1us);
  link(s0, s1, 1ms);
  link(s0, s2, 10us);
  link(s2, s1, 10us);
  const Platform p(route_network(net));
  CHECK(p.route(0, 1).latency == 22us);
  const auto& hops = p.parts().core_hops[0 * 3 + 1];
  REQUIRE(hops.size() == 2);
  CHECK(hops[0].link == 3);
  CHECK(hops[0].forward);
  CHECK(hops[1].link == 4);
  CHECK(p.route(1, 0).latency == 22us);
  CHECK_FALSE(p.parts().core_hops[1 * 3 + 0][0].forward);  // s1 -> s2 crosses l4 backwards
}

TEST_CASE("a host with two links is rejected") {
  Network net;
  const auto h = add_network_node(net, NetworkNode{"h", true, 0});
  const auto s = add_network_node(net, NetworkNode{"s", false, 0});
  add_network_link(net, h, s, NetworkLink{"a", 1us, 1e9});
  add_network_link(net, h, s, NetworkLink{"b", 1us, 1e9});
  CHECK_THROWS_WITH(route_network(net), Catch::Contains("exactly one link"));
}
