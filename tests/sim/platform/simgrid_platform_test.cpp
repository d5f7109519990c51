// The platform in SimGrid: generated zones route like the Boost graph; XML platforms are read
// from SimGrid's own routes. Each TEST_CASE runs in its own process (catch_discover_tests), as
// SimGrid allows one engine per process.
#include <catch2/catch.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include "sim/platform/platform.h"
#include "sim/platform/simgrid_session.h"

using namespace discolab;
using namespace std::chrono_literals;

namespace {

// Latency and bottleneck of the SimGrid route between two hosts.
RouteModel simgrid_route(simgrid::s4u::Host* a, simgrid::s4u::Host* b) {
  std::vector<simgrid::s4u::Link*> links;
  double latency_s = 0;
  a->route_to(b, links, &latency_s);
  RouteModel r{from_seconds(latency_s), kUnlimitedBandwidth};
  for (auto* l : links) r.bandwidth_bps = std::min(r.bandwidth_bps, l->get_bandwidth() * 8);
  return r;
}

const std::string kXml =
    std::string(DISCOLAB_SOURCE_DIR) + "/tests/sim/platform/data/two_sites.xml";

}  // namespace

TEST_CASE("simgrid zones of a leaf-spine route exactly like the Boost graph") {
  PlatformSpec spec;
  spec.topology = Topology::leaf_spine;
  spec.racks = 3;
  spec.hosts_per_rack = 2;
  spec.spine_link = LinkSpec{70us, 2e9};
  const Platform p = make_platform(spec);
  const SimGridHosts sg = instantiate_in_simgrid(p);
  REQUIRE(sg.hosts.size() == p.host_count());
  REQUIRE(sg.controller != nullptr);
  for (HostId a = 0; a < p.host_count(); ++a) {
    CHECK(sg.hosts[a]->get_name() == p.host_name(a));
    for (HostId b = 0; b < p.host_count(); ++b) {
      if (a == b) continue;
      const RouteModel expected = p.route(a, b);
      const RouteModel actual = simgrid_route(sg.hosts[a], sg.hosts[b]);
      CHECK(actual.latency == expected.latency);
      CHECK(actual.bandwidth_bps == Approx(expected.bandwidth_bps));
    }
  }
  CHECK_THROWS_AS(instantiate_in_simgrid(p), std::logic_error);
}

TEST_CASE("simgrid zones of a star route exactly like the Boost graph") {
  PlatformSpec spec;
  spec.topology = Topology::star;
  spec.hosts_per_rack = 4;
  const Platform p = make_platform(spec);
  const SimGridHosts sg = instantiate_in_simgrid(p);
  for (HostId b = 1; b < p.host_count(); ++b) {
    CHECK(simgrid_route(sg.hosts[0], sg.hosts[b]).latency == p.route(0, b).latency);
  }
}

TEST_CASE("an XML platform takes its hosts, zones and routes from SimGrid") {
  PlatformSpec spec;
  spec.topology = Topology::file;
  spec.file = kXml;
  const Platform p = make_platform(spec);
  REQUIRE(p.host_count() == 3);
  CHECK(p.host_name(0) == "lyon-1");
  CHECK(p.host_name(2) == "paris-1");
  CHECK(p.zone_count() == 1);
  CHECK(p.host_speed_flops() == 2e9);
  const HostId l1 = p.host_by_name("lyon-1");
  const HostId l2 = p.host_by_name("lyon-2");
  const HostId pa = p.host_by_name("paris-1");
  CHECK(p.route(l1, l2).latency == 100us);
  CHECK(p.route(l1, l2).bandwidth_bps == 1e9);
  CHECK(p.route(pa, l2).latency == 5100us);  // symmetric route
  CHECK(p.route(l1, pa).bandwidth_bps == 80e6);
  // The same file again is fine (cached); the simgrid engine may still use it once.
  CHECK(make_platform(spec).host_count() == 3);
  const SimGridHosts sg = instantiate_in_simgrid(p);
  CHECK(sg.hosts[pa]->get_name() == "paris-1");
}

TEST_CASE("a process loads one SimGrid platform") {
  PlatformSpec spec;
  spec.topology = Topology::file;
  spec.file = kXml;
  const Platform p = make_platform(spec);
  PlatformSpec generated;
  CHECK_THROWS_AS(instantiate_in_simgrid(make_platform(generated)), std::logic_error);
  spec.file = std::string(DISCOLAB_SOURCE_DIR) + "/tests/sim/platform/data/../data/two_sites.xml";
  CHECK_THROWS_AS(make_platform(spec), std::logic_error);
  spec.file = "/nonexistent/platform.xml";
  CHECK_THROWS_AS(make_platform(spec), std::logic_error);
  CHECK(p.host_count() == 3);
}

TEST_CASE("a missing platform file is an invalid argument") {
  PlatformSpec spec;
  spec.topology = Topology::file;
  spec.file = "/nonexistent/platform.xml";
  CHECK_THROWS_WITH(make_platform(spec), Catch::Contains("cannot read"));
}
