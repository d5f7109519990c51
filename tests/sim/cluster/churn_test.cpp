#include <catch2/catch.hpp>

#include "cluster_fixture.h"

using namespace discolab;
using namespace discolab::testing;
using namespace std::chrono_literals;

namespace {

Scenario crashy(double rate_per_s, std::vector<std::string> services) {
  Scenario sc;
  for (const auto& s : services) {
    sc.services.push_back(make_service(s, 10));
    sc.services.back().startup = 1s;
    sc.services.back().readiness = 0s;
  }
  sc.churn.crashes.rate_per_instance_per_s = rate_per_s;
  sc.churn.crashes.restart_delay = 1s;
  return sc;
}

std::vector<std::pair<SimTime, std::string>> crashes_of(const RecordingEvents& ev,
                                                        std::string_view service) {
  std::vector<std::pair<SimTime, std::string>> out;
  for (const auto& c : ev.churns) {
    if (c.kind == "crash" && c.service == service) out.emplace_back(c.at, c.subject);
  }
  return out;
}

}  // namespace

TEST_CASE("random crashes happen at the configured rate per instance", "[churn][statistics]") {
  // 10 instances, 1 crash per instance per 100 s, for 2 000 s: expect about 200 crashes
  // (a little fewer: each restart spends 2 s down). Poisson: sd ~ 14; accept ±4 sd.
  ClusterFixture f(crashy(0.01, {"web"}), 4, 11);
  f.cluster.start();
  f.rt.run_until(2000s);
  const double expected = 10 * 0.01 * (2000.0 - 10 * 2.0);  // time alive ≈ total minus downtime
  const double observed = static_cast<double>(crashes_of(f.events, "web").size());
  REQUIRE(observed > expected - 4 * std::sqrt(expected));
  REQUIRE(observed < expected + 4 * std::sqrt(expected));
}

TEST_CASE("adding a service leaves another service's churn unchanged", "[churn][streams]") {
  ClusterFixture alone(crashy(0.02, {"web"}), 4, 5);
  alone.cluster.start();
  alone.rt.run_until(500s);
  ClusterFixture with_more(crashy(0.02, {"api", "web", "db"}), 4, 5);
  with_more.cluster.start();
  with_more.rt.run_until(500s);
  const auto a = crashes_of(alone.events, "web");
  const auto b = crashes_of(with_more.events, "web");
  REQUIRE(a.size() > 5);
  REQUIRE(a == b);
  // And the seed does matter.
  ClusterFixture other_seed(crashy(0.02, {"web"}), 4, 6);
  other_seed.cluster.start();
  other_seed.rt.run_until(500s);
  REQUIRE(crashes_of(other_seed.events, "web") != a);
}

TEST_CASE("crashes are limited to the listed services", "[churn]") {
  Scenario sc = crashy(0.05, {"web", "db"});
  sc.churn.crashes.services = {"db"};
  ClusterFixture f(sc);
  f.cluster.start();
  f.rt.run_until(300s);
  REQUIRE(crashes_of(f.events, "web").empty());
  REQUIRE_FALSE(crashes_of(f.events, "db").empty());
}

TEST_CASE("a scheduled host failure and recovery happen at their instants", "[churn][hosts]") {
  Scenario sc = crashy(0.0, {"web"});
  sc.churn.host_failures.push_back({"host2", 30s, 60s});
  ClusterFixture f(sc);
  f.cluster.start();
  f.rt.run_until(200s);
  std::vector<std::pair<SimTime, std::string>> host_events;
  for (const auto& c : f.events.churns) {
    if (c.kind == "host_down" || c.kind == "host_up")
      host_events.emplace_back(c.at, c.kind + " " + c.subject);
  }
  REQUIRE(host_events == std::vector<std::pair<SimTime, std::string>>{{30s, "host_down host2"},
                                                                      {90s, "host_up host2"}});
}

TEST_CASE("a component failure takes the pattern's component down and back at its instants",
          "[churn][components]") {
  Scenario sc = crashy(0.0, {"web"});
  sc.churn.components.push_back({"lb", 40s, 25s});
  sc.churn.components.push_back({"registry", 50s, std::nullopt});  // stays down
  ClusterFixture f(sc);
  f.cluster.start();
  f.rt.run_until(200s);
  std::vector<std::pair<SimTime, std::string>> seen;
  for (const auto& c : f.events.churns) {
    if (c.kind == "component_down" || c.kind == "component_up")
      seen.emplace_back(c.at, c.kind + " " + c.subject);
  }
  REQUIRE(seen == std::vector<std::pair<SimTime, std::string>>{{40s, "component_down lb"},
                                                               {50s, "component_down registry"},
                                                               {65s, "component_up lb"}});
  std::vector<std::string> calls;
  for (const auto& l : f.pattern.log)
    if (l.rfind("component_", 0) == 0) calls.push_back(l);
  REQUIRE(calls == std::vector<std::string>{"component_down lb", "component_down registry",
                                            "component_up lb"});
}
