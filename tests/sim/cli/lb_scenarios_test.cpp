// The central-LB scenarios of the library show what their comments say, over 5 seeds with 95 %
// confidence intervals (sim/metrics/confidence.h): lb-spof (the LB's host fails) and
// lb-saturation (offered load near the LB's capacity), each against client-side on the same
// scenario.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_command.h"
#include "sim/metrics/confidence.h"

using namespace discolab::testing;
using discolab::metrics::mean_interval;
using discolab::metrics::MeanInterval;
using nlohmann::json;

namespace {

constexpr int kSeeds = 5;

json run(const std::string& scenario, const std::string& args, int seed) {
  const auto out = scratch("lb-" + std::to_string(std::hash<std::string>{}(scenario + args)) + "-" +
                           std::to_string(seed));
  const auto r = run_discolab("run " + scenario + " " + args + " --quiet --seed " +
                              std::to_string(seed) + " --out " + out.string());
  REQUIRE(r.exit_code == 0);
  return json::parse(read_file(out / "summary.json"));
}

// The summaries of one configuration, one per seed.
std::vector<json> runs(const std::string& scenario, const std::string& args) {
  std::vector<json> out;
  for (int seed = 1; seed <= kSeeds; ++seed) out.push_back(run(scenario, args, seed));
  return out;
}

// One figure over the seeds: mean and 95 % interval.
MeanInterval figure(const std::vector<json>& summaries, const char* group, const char* key) {
  std::vector<double> xs;
  for (const json& s : summaries) xs.push_back(s.at(group).at(key).get<double>());
  return mean_interval(xs);
}

std::string show(const MeanInterval& m) {
  return std::to_string(m.mean) + " [" + std::to_string(m.low) + ", " + std::to_string(m.high) +
         "]";
}

}  // namespace

TEST_CASE(
    "lb-spof: the LB host failure fails central-lb but not client-side and a standby limits it",
    "[scenarios][central-lb]") {
  const std::string file = "scenarios/lb-spof.yaml";
  const auto lb = figure(runs(file, "--pattern central-lb"), "requests", "failure_rate");
  const auto pair = figure(
      runs(file, "--pattern central-lb --set patterns.central_lb.lb.standby_host=rack1-host2"),
      "requests", "failure_rate");
  const auto cs = figure(runs(file, "--pattern client-side"), "requests", "failure_rate");
  INFO("failure rate: central-lb " << show(lb) << ", HA pair " << show(pair) << ", client-side "
                                   << show(cs));
  // One LB: about the 40 s outage over the 100 s measured.
  CHECK(lb.low > 0.3);
  CHECK(lb.low > pair.high);
  CHECK(pair.low > cs.high);
  // The pair fails for the failover time (3.6 s) and the tries in flight: a few seconds' worth.
  CHECK(pair.high < 0.08);
  CHECK(cs.high < 0.01);
}

TEST_CASE(
    "lb-saturation: the LB queue adds latency near its capacity that client-side does not pay",
    "[scenarios][central-lb]") {
  const std::string file = "scenarios/lb-saturation.yaml";
  const std::string light = "--set clients.users.rate=40/s";
  const std::string heavy = "--set clients.users.rate=110/s";
  const auto lb_light_runs = runs(file, "--pattern central-lb " + light);
  const auto lb_heavy_runs = runs(file, "--pattern central-lb " + heavy);
  const auto cs_light_runs = runs(file, "--pattern client-side " + light);
  const auto cs_heavy_runs = runs(file, "--pattern client-side " + heavy);
  for (const char* q : {"p50_ms", "p99_ms"}) {
    const auto lb_light = figure(lb_light_runs, "latency", q);
    const auto lb_heavy = figure(lb_heavy_runs, "latency", q);
    const auto cs_light = figure(cs_light_runs, "latency", q);
    const auto cs_heavy = figure(cs_heavy_runs, "latency", q);
    INFO(q << " (ms): central-lb " << show(lb_light) << " -> " << show(lb_heavy) << "; client-side "
           << show(cs_light) << " -> " << show(cs_heavy));
    // The LB's hop and processing cost something even when idle …
    CHECK(lb_light.low > cs_light.high);
    // … and its queue grows with the load, by far more than the instances' queues do.
    CHECK(lb_heavy.low > lb_light.high);
    CHECK(lb_heavy.mean - lb_light.mean > 3 * (cs_heavy.mean - cs_light.mean));
    CHECK(lb_heavy.low > cs_heavy.high);
  }
}
