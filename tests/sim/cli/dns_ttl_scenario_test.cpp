// scenarios/dns-ttl.yaml shows what it says: after crashes, stale routes and the clients'
// propagation delay grow with the DNS TTL (5 s, 30 s, 60 s), and a client cache that ignores
// the TTL (the JVM's 30 s) undoes a short one. Every setting runs on the same seeds, so the
// churn and the traffic are the same (common random numbers): each claim is that the 95 %
// confidence interval of the per-seed difference lies above 0. Runs the real binary; a few
// seconds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_command.h"
#include "sim/metrics/confidence.h"

using namespace discolab::testing;
using discolab::metrics::mean_interval;
using discolab::metrics::MeanInterval;
using nlohmann::json;

namespace {

constexpr int kSeeds = 8;

struct Samples {
  std::vector<double> stale_routes;        // share of tries sent to a gone or unready instance
  std::vector<double> client_propagation;  // mean delay until a client's view shows a change, s
};

Samples run_seeds(const std::string& label, const std::string& sets) {
  Samples samples;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const auto out = scratch("dns-ttl-" + label + "-" + std::to_string(seed));
    const auto r = run_discolab("run scenarios/dns-ttl.yaml --quiet " + sets + " --seed " +
                                std::to_string(seed) + " --out " + out.string());
    REQUIRE(r.exit_code == 0);
    const json s = json::parse(read_file(out / "summary.json"));
    REQUIRE(s.at("pattern") == "dns");
    const json& staleness = s.at("staleness");
    samples.stale_routes.push_back(staleness.at("stale_route_rate").get<double>());
    samples.client_propagation.push_back(
        staleness.at("by_component").at("client").at("propagation_mean_s").get<double>());
  }
  return samples;
}

std::string describe(const std::vector<double>& samples) {
  const MeanInterval m = mean_interval(samples);
  std::ostringstream s;
  s << m.mean << " [" << m.low << ", " << m.high << "]";
  return s.str();
}

// `higher` exceeds `lower` seed by seed, beyond chance: the difference's interval excludes 0.
void check_grows(const std::vector<double>& lower, const std::vector<double>& higher) {
  std::vector<double> diff;
  for (std::size_t i = 0; i < lower.size(); ++i) diff.push_back(higher[i] - lower[i]);
  INFO(describe(lower) << " -> " << describe(higher) << ": difference " << describe(diff));
  CHECK(mean_interval(diff).low > 0.0);
}

}  // namespace

TEST_CASE("dns-ttl: stale routes and propagation grow with the TTL and with a JVM cache",
          "[scenario][dns]") {
  const std::string ttl = " --set patterns.dns.dns.server.ttl=";
  const Samples ttl5 = run_seeds("ttl5", ttl + "5s");
  const Samples ttl30 = run_seeds("ttl30", ttl + "30s");
  const Samples ttl60 = run_seeds("ttl60", ttl + "60s");
  const Samples jvm5 = run_seeds("jvm5", ttl + "5s --set patterns.dns.dns.client.cache=jvm");

  check_grows(ttl5.stale_routes, ttl30.stale_routes);
  check_grows(ttl30.stale_routes, ttl60.stale_routes);
  check_grows(ttl5.stale_routes, jvm5.stale_routes);
  check_grows(ttl5.client_propagation, ttl30.client_propagation);
  check_grows(ttl30.client_propagation, ttl60.client_propagation);
  check_grows(ttl5.client_propagation, jvm5.client_propagation);

  WARN("stale route rate: ttl 5 s "
       << describe(ttl5.stale_routes) << "; 30 s " << describe(ttl30.stale_routes) << "; 60 s "
       << describe(ttl60.stale_routes) << "; jvm over 5 s " << describe(jvm5.stale_routes));
  WARN("client propagation mean, s: ttl 5 s "
       << describe(ttl5.client_propagation) << "; 30 s " << describe(ttl30.client_propagation)
       << "; 60 s " << describe(ttl60.client_propagation) << "; jvm over 5 s "
       << describe(jvm5.client_propagation));
}
