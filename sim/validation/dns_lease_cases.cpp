// The DNS-cache and lease rows: one client cache against Poisson record changes
// (scenarios/validation/dns-cache-*.yaml) and a lease registry removing crashed instances
// (scenarios/validation/lease-*.yaml). The closed forms are sim/theory/dns_cache.h and
// lease_removal.h, the measurements sim/theory/run_measurements.h; the derivations and the
// tolerances are in docs/validation.md.
#include <cmath>
#include <stdexcept>

#include "sim/theory/closed_forms.h"
#include "sim/theory/run_measurements.h"
#include "sim/validation/validation_case.h"

namespace discolab::validation {

namespace {

// The models' parameters, read where compare reads them (sim/theory/closed_forms.h); a
// scenario that does not set a model up exactly is refused.
theory::DnsCacheModel dns_model(const Scenario& sc) {
  if (const auto m = theory::dns_cache_model(sc)) return *m;
  throw std::invalid_argument(sc.name +
                              ": the scenario does not set up the DNS cache model (its "
                              "conditions are in sim/theory/closed_forms.h)");
}

theory::LeaseModel lease_model(const Scenario& sc) {
  if (const auto m = theory::lease_model(sc)) return *m;
  throw std::invalid_argument(sc.name +
                              ": the scenario does not set up the lease model (its conditions "
                              "are in sim/theory/closed_forms.h)");
}

std::optional<double> defined(double v) {
  if (std::isnan(v)) return std::nullopt;
  return v;
}

// Stale answers per change and the client view's mean delay; the two rows share their runs.
// 5 seeds of 10 h (TTL 5 s) or 40 h (TTL 30 s) hold 14 000–18 000 changes, which puts the
// per-seed values' standard error below 1% of the theory: ±3% is more than three of them.
std::vector<ValidationCase> dns_cases(const std::string& scenario_name, const std::string& model,
                                      bool quick) {
  ValidationCase base;
  base.scenario = "scenarios/validation/" + scenario_name + ".yaml";
  base.pattern = "dns";
  base.seeds = 5;
  base.quick = quick;
  base.quick_seeds = 5;  // with 2 the per-seed spread fills the tolerance; the runs are cheap

  ValidationCase stale = base;
  stale.name = scenario_name + "-stale-answers";
  stale.model = model;
  stale.quantity = "stale answers per change";
  stale.theory = [](const Scenario& sc) {
    return within(theory::stale_answers_per_change(dns_model(sc)), 0.03, 0.03);
  };
  stale.measure = [](const RunOutput& run, const Scenario&) {
    return defined(theory::measure_dns_stale_answers(run.folder).per_change);
  };

  ValidationCase delay = base;
  delay.name = scenario_name + "-view-delay";
  delay.model = stale.model;
  delay.quantity = "client view delay, mean [s]";
  delay.theory = [](const Scenario& sc) {
    return within(theory::view_delay_mean_s(dns_model(sc)), 0.03, 0.03);
  };
  delay.measure = [](const RunOutput& run, const Scenario&) {
    return defined(theory::measure_dns_stale_answers(run.folder).view_delay_mean_s);
  };
  return {stale, delay};
}

// The removal delay's mean (the registry's `unready` propagation figure, which is exactly the
// crash → removal pairs: no warmup in these scenarios) within 1%, and the delays of every seed
// pooled against the trapezoid CDF. The rows share their runs.
std::vector<ValidationCase> lease_cases(const std::string& scenario_name, const std::string& model,
                                        bool quick) {
  ValidationCase base;
  base.scenario = "scenarios/validation/" + scenario_name + ".yaml";
  base.pattern = "client-side";
  base.seeds = 3;
  base.quick = quick;
  base.quick_seeds = 1;
  base.model = model;

  ValidationCase mean = base;
  mean.name = scenario_name + "-mean";
  mean.quantity = "removal delay, mean [s]";
  mean.theory = [](const Scenario& sc) {
    return within(theory::removal_delay_mean(lease_model(sc)), 0.01, 0.01);
  };
  mean.measure = [](const RunOutput& run, const Scenario&) {
    return defined(theory::read_registry_unready(run.folder).mean_s);
  };

  ValidationCase shape = base;
  shape.name = scenario_name + "-distribution";
  shape.quantity = "removal delay: KS distance to F";
  shape.distribution = DistributionCheck{
      [](const RunOutput& run, const Scenario&) {
        return theory::measure_removal_delays(run.folder);
      },
      [](const Scenario& sc, double x) { return theory::removal_delay_cdf(lease_model(sc), x); },
      "trapezoid F"};
  return {mean, shape};
}

}  // namespace

std::vector<ValidationCase> dns_lease_cases() {
  std::vector<ValidationCase> cases;
  for (auto group :
       {dns_cases("dns-cache-ttl5", "DNS cache, T 5 s, r 2/s, λ 0.1/s", true),
        dns_cases("dns-cache-ttl30", "DNS cache, T 30 s, r 0.2/s, λ 0.02/s", false),
        lease_cases("lease-h10-l30-e4", "lease registry, h 10 s, L 30 s, sweep 4 s", true),
        lease_cases("lease-eureka", "Eureka registry, h 30 s, L 90 s (expires 2L), sweep 60 s",
                    false)}) {
    for (ValidationCase& c : group) cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace discolab::validation
