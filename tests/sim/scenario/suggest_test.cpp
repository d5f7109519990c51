#include "sim/scenario/suggest.h"

#include <catch2/catch.hpp>

#include "sim/scenario/host_names.h"

using namespace discolab;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("services", "services") == 0);
  CHECK(edit_distance("servces", "services") == 1);
  CHECK(edit_distance("sevrices", "services") == 1);
  CHECK(edit_distance("replics", "replicas") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did you mean suggests only plausible typos") {
  const std::vector<std::string> keys{"name", "replicas", "workers", "queue_limit"};
  CHECK(closest_match("replcas", keys) == "replicas");
  CHECK(closest_match("Workers", keys) == "workers");
  CHECK_FALSE(closest_match("zzz", keys));
  CHECK_FALSE(closest_match("timeout", keys));
  CHECK(not_one_of("dns2", "one of", {"client-side", "dns"}) ==
        "\"dns2\" is not one of: client-side, dns; did you mean \"dns\"?");
  CHECK(not_one_of("x", "one of the services", {}) ==
        "\"x\" is not one of the services: (there are none)");
}

TEST_CASE("platform host names follow the topology") {
  PlatformSpec leaf_spine;
  leaf_spine.topology = Topology::leaf_spine;
  leaf_spine.racks = 2;
  leaf_spine.hosts_per_rack = 3;
  CHECK(platform_host_names(leaf_spine) == std::vector<std::string>{"rack0-host0", "rack0-host1",
                                                                    "rack0-host2", "rack1-host0",
                                                                    "rack1-host1", "rack1-host2"});
  CHECK(describe_platform_hosts(leaf_spine) ==
        "leaf-spine, 2 racks × 3 hosts: rack0-host0 … rack1-host2");

  PlatformSpec star;
  star.topology = Topology::star;
  star.racks = 7;  // ignored by star
  star.hosts_per_rack = 2;
  CHECK(platform_host_names(star) == std::vector<std::string>{"host0", "host1"});

  PlatformSpec file;
  file.topology = Topology::file;
  CHECK(platform_host_names(file).empty());
}
