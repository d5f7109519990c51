// Runs the validation cases as child processes (sim/compare/child_pool.h: `discolab run
// --progress jsonl`, one simulation per process), reduces each case's runs to a mean and a
// 95% Student-t interval across seeds (sim/metrics/confidence.h), checks it against the case's
// expectation, and renders the table docs/validation.md shows.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/metrics/confidence.h"
#include "sim/validation/validation_case.h"

namespace discolab::validation {

struct SuiteRequest {
  std::string program;               // the discolab executable the children run
  std::filesystem::path root = ".";  // the repository root: scenario paths are relative to it
  std::filesystem::path results;     // where the runs' folders go (replaced when discolab wrote it)
  std::size_t parallel = 2;
  bool quick = false;  // only the cases marked quick, with their quick_seeds
};

struct RowResult {
  std::string name, model, quantity;
  Expectation expected;
  metrics::MeanInterval measured;
  std::vector<std::string> failures;  // runs that failed or did not define the figure
  bool pass = false;
};

struct SuiteResult {
  std::vector<RowResult> rows;
  bool interrupted = false;
  int signal = 0;
  bool all_pass() const;
};

// Runs `cases` (after the quick filter). `on_progress(done, total)` after each run;
// `pending_signal` as in compare (non-zero stops the children and returns interrupted).
SuiteResult run_suite(const SuiteRequest& request, const std::vector<ValidationCase>& cases,
                      const std::function<void(std::size_t, std::size_t)>& on_progress,
                      const std::function<int()>& pending_signal);

// The Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)| between the samples' empirical CDF
// and `cdf` (continuous); NaN without samples.
double ks_distance(std::vector<double> samples, const std::function<double(double)>& cdf);
// Kolmogorov's limit law: P(√n·D_n > 1.358) → 5% when the samples follow F (independent).
inline constexpr double kKsCritical5 = 1.358;
// A distribution row's expectation: distance 0, accepted [0, 1.358/√n].
Expectation ks_expectation(std::size_t n);

// The Markdown table of the rows.
std::string results_table(const SuiteResult& result);
// The template's text with the line "{{results}}" replaced by `results`.
std::string fill_template(const std::string& text, const std::string& results);

}  // namespace discolab::validation
