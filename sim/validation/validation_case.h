// One row of `discolab validate-theory`: a scenario run through the same pattern code users run,
// several fixed seeds, one figure measured per run and checked against what theory says.
//
// A case names its scenario file (relative to the repository root), the pattern, the --set
// overrides and the seeds; `theory` reads the model's parameters from the scenario as loaded
// with those overrides (rates, replicas, service time, d …), so the formula and the run cannot
// disagree about them, and returns the expected value with the interval a run's mean must lie
// in; `measure` reads one run's output (its summary, keys from summary_keys.h, or its results
// folder). The suite reduces the measurements to a mean and 95% Student-t interval across
// seeds and passes the row when the mean lies in the accepted interval.
//
// A distribution row (`distribution` set; `theory` and `measure` unused) pools the samples of
// every seed's run and passes when their Kolmogorov–Smirnov distance to the CDF theory derives
// lies below its 5% critical value (distribution_check.h).
//
// Groups of cases live in their own files (queueing_cases.cpp, …) and are listed once in
// validation_cases.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"

namespace discolab::validation {

// What theory expects: a value and the interval [low, high] the simulated mean must lie in.
struct Expectation {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
  std::string tolerance;  // how [low, high] was set, for the table ("±2%", "+3% / −1%", …)
};

// What one run left: the summary its `done` message carried and its results folder
// (summary.json, events.csv, …), for what the summary does not hold.
struct RunOutput {
  const nlohmann::json& summary;
  std::filesystem::path folder;
};

// The samples of one run (pooled over the seeds) and the CDF they should follow.
struct DistributionCheck {
  std::function<std::vector<double>(const RunOutput&, const Scenario&)> samples;
  std::function<double(const Scenario&, double x)> cdf;
  std::string what;  // the CDF's name for the table: "trapezoid F"
};

struct ValidationCase {
  std::string name;      // the row; also names its runs' folders (no spaces, no '/')
  std::string model;     // "M/M/1", "supermarket d = 2", …
  std::string quantity;  // what is compared, with its unit: "mean sojourn [ms]"
  std::string scenario;  // relative to the repository root
  std::string pattern;
  std::vector<std::string> sets;  // --set overrides for every run of the case
  int seeds = 5;                  // seeds first_seed, first_seed + 1, …
  std::uint64_t first_seed = 1;
  bool quick = false;  // also run by --quick (the smoke test), with quick_seeds seeds
  int quick_seeds = 2;
  std::function<Expectation(const Scenario&)> theory;
  // The figure of one run; nullopt when the run does not define it.
  std::function<std::optional<double>(const RunOutput& run, const Scenario&)> measure;
  std::optional<DistributionCheck> distribution;
};

// Every case, in table order.
std::vector<ValidationCase> validation_cases();

// The groups validation_cases() joins.
std::vector<ValidationCase> queueing_cases();
std::vector<ValidationCase> dns_lease_cases();

// A point expectation accepted within [value·(1 − below), value·(1 + above)].
Expectation within(double value, double below, double above);

}  // namespace discolab::validation
