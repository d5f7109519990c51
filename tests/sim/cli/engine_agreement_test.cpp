// The two engines run the same pattern code on the same scenario; where the network is not
// the bottleneck their results must agree within the seed-to-seed spread (docs/architecture.md,
// decision 2), for every pattern. Quickstart, shortened to 3 simulated minutes to keep the test
// quick.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

namespace {

json run(const std::string& pattern, const std::string& engine, int seed) {
  const auto out = scratch("agree-" + pattern + "-" + engine + "-" + std::to_string(seed));
  const auto r = run_discolab(
      "run scenarios/quickstart.yaml --set duration=3m --set metrics.warmup=30s --quiet "
      "--pattern " +
      pattern + " --engine " + engine + " --seed " + std::to_string(seed) + " --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  return json::parse(read_file(out / "summary.json"));
}

double at(const json& s, const char* group, const char* key) {
  return s.at(group).at(key).get<double>();
}

}  // namespace

static void check_agreement(const std::string& pattern) {
  INFO("pattern " << pattern);
  std::vector<json> fast, simgrid;
  for (int seed = 1; seed <= 5; ++seed) {
    fast.push_back(run(pattern, "fast", seed));
    simgrid.push_back(run(pattern, "simgrid", seed));
  }
  const std::vector<std::pair<const char*, const char*>> figures{
      {"latency", "mean_ms"},
      {"latency", "p50_ms"},
      {"latency", "p99_ms"},
      {"staleness", "propagation_p50_s"},
      {"staleness",
       "propagation_mean_s"},  // 3-minute runs hold too few pairs for a p99 (the sample rule)
      {"staleness", "stale_view_fraction"},
      {"staleness", "stale_route_rate"}};
  for (const auto& [group, key] : figures) {
    std::vector<double> f, g;
    for (int i = 0; i < 5; ++i) {
      f.push_back(at(fast[i], group, key));
      g.push_back(at(simgrid[i], group, key));
    }
    const double spread =
        *std::max_element(f.begin(), f.end()) - *std::min_element(f.begin(), f.end());
    double mean_f = 0, mean_g = 0;
    for (int i = 0; i < 5; ++i) {
      mean_f += f[i] / 5;
      mean_g += g[i] / 5;
    }
    INFO(group << "." << key << ": fast mean " << mean_f << ", simgrid mean " << mean_g
               << ", seed spread " << spread);
    CHECK(spread > 0);  // the seeds do differ, or the comparison would mean nothing
    CHECK(std::abs(mean_g - mean_f) <= spread);
  }
  // Each engine really ran its own network model.
  CHECK(simgrid[0]["engine"] == "simgrid");
  CHECK(fast[0]["engine"] == "fast");
  CHECK(fast[0]["pattern"] == pattern);
}

// One test per pattern, so that ctest runs them in parallel.
TEST_CASE("fast and simgrid engines agree within the spread of 5 seeds: client-side",
          "[engines][slow]") {
  check_agreement("client-side");
}

TEST_CASE("fast and simgrid engines agree within the spread of 5 seeds: dns", "[engines][slow]") {
  check_agreement("dns");
}

TEST_CASE("fast and simgrid engines agree within the spread of 5 seeds: central-lb",
          "[engines][slow]") {
  check_agreement("central-lb");
}

TEST_CASE("fast and simgrid engines agree within the spread of 5 seeds: per-host-proxy",
          "[engines][slow]") {
  check_agreement("per-host-proxy");
}

TEST_CASE("fast and simgrid engines agree within the spread of 5 seeds: api-gateway",
          "[engines][slow]") {
  check_agreement("api-gateway");
}
