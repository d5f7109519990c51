// The library scenarios steady-state, host-failure, registry-outage and flash-crowd show what
// their comments (and scenarios/README.md) say, over 3 seeds with 95 % confidence intervals
// (sim/metrics/confidence.h), every pattern on the same seeds.
#include <catch2/catch.hpp>
#include <functional>
#include <map>
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

constexpr int kSeeds = 3;
const std::vector<std::string> kPatterns = {"client-side", "dns", "central-lb", "per-host-proxy",
                                            "api-gateway"};

json run(const std::string& scenario, const std::string& args, int seed) {
  const auto out = scratch("library-" + std::to_string(std::hash<std::string>{}(scenario + args)) +
                           "-" + std::to_string(seed));
  const auto r = run_discolab("run " + scenario + " " + args + " --quiet --seed " +
                              std::to_string(seed) + " --out " + out.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(read_file(out / "summary.json"));
}

// One figure (group.key of summary.json) of one configuration over the seeds.
MeanInterval figure(const std::string& scenario, const std::string& args, const char* group,
                    const char* key) {
  std::vector<double> xs;
  for (int seed = 1; seed <= kSeeds; ++seed)
    xs.push_back(run(scenario, args, seed).at(group).at(key).get<double>());
  return mean_interval(xs);
}

std::string show(const MeanInterval& m) {
  return std::to_string(m.mean) + " [" + std::to_string(m.low) + ", " + std::to_string(m.high) +
         "]";
}

}  // namespace

TEST_CASE("steady-state: no pattern fails a request or routes to a stale instance",
          "[scenarios][library]") {
  for (const auto& p : kPatterns) {
    INFO(p);
    for (int seed = 1; seed <= kSeeds; ++seed) {
      const json s = run("scenarios/steady-state.yaml", "--pattern " + p, seed);
      CHECK(s.at("requests").at("failed").get<double>() == 0);
      CHECK(s.at("requests").at("stale_tries").get<double>() == 0);
      CHECK(s.at("staleness").at("stale_view_fraction").get<double>() == 0);
    }
  }
}

TEST_CASE(
    "host-failure: patterns with their own active checks route around the dead host, the "
    "others time out on it until its leases expire",
    "[scenarios][library]") {
  const std::string file = "scenarios/host-failure.yaml";
  std::map<std::string, MeanInterval> stale;
  std::map<std::string, MeanInterval> failed;
  for (const auto& p : kPatterns) {
    stale[p] = figure(file, "--pattern " + p, "staleness", "stale_route_rate");
    failed[p] = figure(file, "--pattern " + p, "requests", "failure_rate");
    INFO(p << ": stale routes " << show(stale[p]) << ", failed " << show(failed[p]));
    // The dead host's instances are in every pattern's views for a while.
    CHECK(stale[p].low > 0);
  }
  // Checks every 2 s, down after 3: about 6 s of stale routes against a lease of 30 s.
  for (const char* checked : {"central-lb", "api-gateway"}) {
    for (const char* unchecked : {"client-side", "dns"}) {
      INFO(checked << " " << show(stale[checked]) << " vs " << unchecked << " "
                   << show(stale[unchecked]));
      CHECK(stale[checked].high < stale[unchecked].low);
      CHECK(failed[checked].high < failed[unchecked].low);
    }
  }
}

TEST_CASE("registry-outage: requests go on from the views held while the registry is down",
          "[scenarios][library]") {
  const std::string file = "scenarios/registry-outage.yaml";
  for (const auto& p : kPatterns) {
    INFO(p);
    // Without crashes the outage alone fails nothing: no request goes through the registry,
    // every component keeps the view it holds when a fetch or watch fails, and the registry
    // comes back with its entries and forgives the renewals it missed (etcd refreshes its
    // leases on a new leader), so nothing is evicted when it returns.
    for (int seed = 1; seed <= kSeeds; ++seed) {
      const json s =
          run(file, "--pattern " + p + " --set churn.crashes.rate_per_instance=0/h", seed);
      CHECK(s.at("requests").at("failed").get<double>() == 0);
      CHECK(s.at("requests").at("stale_tries").get<double>() == 0);
      CHECK(s.at("counters").value("registry.expired", 0.0) == 0);
    }
    // With crashes, what fails are the tries to instances that crashed meanwhile: few.
    const auto failed = figure(file, "--pattern " + p, "requests", "failure_rate");
    INFO("failed " << show(failed));
    CHECK(failed.mean < 0.05);
  }
}

TEST_CASE("flash-crowd: the burst raises every pattern's p99 and the DNS server's load",
          "[scenarios][library]") {
  const std::string file = "scenarios/flash-crowd.yaml";
  const std::string flat = "--set clients.users.bursts.0.factor=1";
  for (const auto& p : kPatterns) {
    const auto burst = figure(file, "--pattern " + p, "latency", "p99_ms");
    const auto calm = figure(file, "--pattern " + p + " " + flat, "latency", "p99_ms");
    INFO(p << ": p99 with the burst " << show(burst) << ", without " << show(calm));
    CHECK(burst.low > calm.high);
  }
  const auto dns_burst = figure(file, "--pattern dns", "control_plane", "messages_per_s");
  const auto dns_calm = figure(file, "--pattern dns " + flat, "control_plane", "messages_per_s");
  INFO("dns control messages/s: " << show(dns_burst) << " vs " << show(dns_calm));
  // A lookup per request without a client cache: the control plane follows the request rate
  // (the burst's 30 s at 8× over the 150 s measured: about 2.4× the mean rate).
  CHECK(dns_burst.low > 2 * dns_calm.high);
}
