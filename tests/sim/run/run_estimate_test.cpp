#include "sim/run/run_estimate.h"

#include <catch2/catch.hpp>

using namespace discolab;
using namespace std::chrono_literals;

namespace {
Scenario two_services() {
  Scenario s;
  s.duration = 100s;
  s.services = {ServiceSpec{}, ServiceSpec{}};
  s.services[0].replicas = 5;
  s.services[1].replicas = 4;
  ClientSpec users;
  users.count = 3;
  users.rate_per_s = 10;
  // 20 s at 4× the rate: 60 more base-rate seconds; a burst past the end counts up to it.
  users.bursts = {BurstSpec{10s, 20s, 4.0}, BurstSpec{90s, 50s, 2.0}};
  s.clients = {users};
  return s;
}
}  // namespace

TEST_CASE("a scenario's size counts hosts, containers, callers and offered requests") {
  const ScenarioSize size = scenario_size(two_services(), 4);
  CHECK(size.hosts == 4);
  CHECK(size.services == 2);
  CHECK(size.containers == 9);
  CHECK(size.callers == 3);
  CHECK(size.containers_per_host == 3);
  // 3 callers × 10/s × (100 s + 3 × 20 s + 1 × 10 s)
  CHECK(size.offered_requests == Approx(3 * 10 * 170.0));
  CHECK(describe_size(size) ==
        "4 hosts, 2 services, 9 containers, 3 callers, 5100 requests offered");
}

TEST_CASE("counts are singular for one") {
  CHECK(count_of(1, "service", "services") == "1 service");
  CHECK(count_of(0, "service", "services") == "0 services");
  CHECK(count_of(2, "host", "hosts") == "2 hosts");
  Scenario one;
  one.services = {ServiceSpec{}};
  one.services[0].replicas = 1;
  one.clients = {ClientSpec{}};
  one.clients[0].rate_per_s = 0;
  CHECK(describe_size(scenario_size(one, 1)) ==
        "1 host, 1 service, 1 container, 1 caller, 0 requests offered");
}

TEST_CASE("long runs and overpacked hosts need --yes") {
  ScenarioSize size = scenario_size(two_services(), 4);
  CHECK_FALSE(needs_confirmation(size, 1.0));
  const auto slow = needs_confirmation(size, 2 * kConfirmAboveWallS);
  REQUIRE(slow);
  CHECK_THAT(*slow, Catch::Contains("about 20 min"));
  size.containers = 4 * (kMaxContainersPerHost + 1);
  size.containers_per_host = kMaxContainersPerHost + 1;
  const auto packed = needs_confirmation(size, 1.0);
  REQUIRE(packed);
  CHECK_THAT(*packed, Catch::Contains("111 per host"));
}

TEST_CASE("the wall-time estimate scales with offered requests and depends on the engine") {
  const ScenarioSize size = scenario_size(two_services(), 4);
  CHECK(estimated_wall_s(size, "fast") == Approx(size.offered_requests * kFastSecondsPerRequest));
  CHECK(estimated_wall_s(size, "simgrid") > estimated_wall_s(size, "fast"));
  CHECK(describe_wall(0.2) == "under a second");
  CHECK(describe_wall(30) == "about 30 s");
  CHECK(describe_wall(1800) == "about 30 min");
  CHECK(describe_wall(3 * 3600) == "about 3.0 h");
}
