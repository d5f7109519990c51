// The DNS-cache and lease rows of the validation suite (issue 9, docs/validation-dns-lease.md):
// runs scenarios/validation/{dns-cache,lease}-*.yaml with the real binary at fixed seeds and
// checks the measurement against the closed forms of sim/theory/. Prints one line per row
// (the numbers docs/validation-dns-lease.md quotes):
//   build/sim/theory/discolab_theory_validation_tests --success | grep '^row'
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/metrics/confidence.h"
#include "sim/theory/dns_cache.h"
#include "sim/theory/lease_removal.h"
#include "sim/theory/run_measurements.h"
#include "tests/sim/cli/run_command.h"

using namespace discolab::testing;
using discolab::metrics::mean_interval;
using discolab::metrics::MeanInterval;
namespace theory = discolab::theory;

namespace {

std::filesystem::path run(const std::string& scenario, int seed) {
  const auto out = scratch(scenario + "-" + std::to_string(seed));
  const auto r = run_discolab("run scenarios/validation/" + scenario + ".yaml --quiet --seed " +
                              std::to_string(seed) + " --out " + out.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return out;
}

// Stale answers per change: pooled over the seeds (total stale answers / total changes) within
// `tolerance` (relative) of the theory; the clients' mean propagation delay likewise.
void check_dns(const std::string& scenario, const theory::DnsCacheModel& model, int seeds,
               double tolerance) {
  std::uint64_t stale = 0;
  std::uint64_t changes = 0;
  std::vector<double> per_change;
  std::vector<double> delay;
  for (int seed = 1; seed <= seeds; ++seed) {
    const theory::DnsStaleMeasurement m = theory::measure_dns_stale_answers(run(scenario, seed));
    REQUIRE(m.changes > 0);
    stale += m.stale_answers;
    changes += m.changes;
    per_change.push_back(m.per_change);
    delay.push_back(m.view_delay_mean_s);
  }
  const double pooled = static_cast<double>(stale) / static_cast<double>(changes);
  const double expected = theory::stale_answers_per_change(model);
  const MeanInterval ci = mean_interval(per_change);
  const MeanInterval d = mean_interval(delay);
  const double expected_delay = theory::view_delay_mean_s(model);
  std::printf(
      "row dns %s seeds 1-%d: stale answers/change theory %.4f, simulated %.4f (pooled, %llu "
      "changes; per-seed mean %.4f, 95%% CI [%.4f, %.4f]); client view delay theory %.4f s, "
      "simulated %.4f s [%.4f, %.4f]\n",
      scenario.c_str(), seeds, expected, pooled, static_cast<unsigned long long>(changes), ci.mean,
      ci.low, ci.high, expected_delay, d.mean, d.low, d.high);
  CHECK(pooled == Approx(expected).epsilon(tolerance));
  CHECK(d.mean == Approx(expected_delay).epsilon(tolerance));
}

// Removal delays pooled over the seeds: mean and p10/p50/p90 within `tolerance` (relative) of
// the trapezoid, the Kolmogorov–Smirnov distance below its 5 % critical value 1.358/√n, and
// the registry's unready propagation figure equal to the delays measured from events.csv.
void check_lease(const std::string& scenario, const theory::LeaseModel& model, int seeds,
                 double tolerance) {
  std::vector<double> delays;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto out = run(scenario, seed);
    const std::vector<double> d = theory::measure_removal_delays(out);
    REQUIRE(!d.empty());
    const theory::RegistryUnreadySummary s = theory::read_registry_unready(out);
    double sum = 0.0;
    for (double x : d) sum += x;
    CHECK(s.pairs == d.size());
    CHECK(s.mean_s == Approx(sum / static_cast<double>(d.size())).epsilon(1e-9));
    delays.insert(delays.end(), d.begin(), d.end());
  }
  std::sort(delays.begin(), delays.end());
  const double n = static_cast<double>(delays.size());
  double sum = 0.0;
  double ks = 0.0;
  for (std::size_t i = 0; i < delays.size(); ++i) {
    sum += delays[i];
    const double f = theory::removal_delay_cdf(model, delays[i]);
    ks = std::max({ks, std::abs(static_cast<double>(i + 1) / n - f),
                   std::abs(static_cast<double>(i) / n - f)});
  }
  const double mean = sum / n;
  const auto quantile = [&](double p) {  // nearest rank
    return delays[static_cast<std::size_t>(std::ceil(p * n)) - 1];
  };
  const double critical = 1.358 / std::sqrt(n);
  std::printf(
      "row lease %s seeds 1-%d (%zu crashes): mean theory %.3f s, simulated %.3f s; p10 %.3f / "
      "%.3f, p50 %.3f / %.3f, p90 %.3f / %.3f (theory / simulated); KS distance %.4f (5%% "
      "critical %.4f)\n",
      scenario.c_str(), seeds, delays.size(), theory::removal_delay_mean(model), mean,
      theory::removal_delay_quantile(model, 0.1), quantile(0.1),
      theory::removal_delay_quantile(model, 0.5), quantile(0.5),
      theory::removal_delay_quantile(model, 0.9), quantile(0.9), ks, critical);
  CHECK(mean == Approx(theory::removal_delay_mean(model)).epsilon(tolerance));
  for (double p : {0.1, 0.5, 0.9}) {
    CHECK(quantile(p) == Approx(theory::removal_delay_quantile(model, p)).epsilon(tolerance));
  }
  CHECK(ks < critical);
}

}  // namespace

// The parameters below are the scenario files' (their comments derive them).
TEST_CASE("validate-theory: stale DNS answers per change, TTL 5 s", "[validate-theory]") {
  check_dns("dns-cache-ttl5", {5.0, 2.0, 4 * 90.0 / 3600.0}, 5, 0.03);
}

TEST_CASE("validate-theory: stale DNS answers per change, TTL 30 s", "[validate-theory]") {
  check_dns("dns-cache-ttl30", {30.0, 12.0 / 60.0, 4 * 18.0 / 3600.0}, 5, 0.03);
}

TEST_CASE("validate-theory: lease removal delay, h 10 s, L 30 s, sweep 4 s", "[validate-theory]") {
  check_lease("lease-h10-l30-e4", {10.0, 30.0, 4.0}, 3, 0.01);
}

TEST_CASE("validate-theory: lease removal delay, Eureka defaults (double expiry)",
          "[validate-theory]") {
  check_lease("lease-eureka", {30.0, 2 * 90.0, 60.0}, 3, 0.01);
}
