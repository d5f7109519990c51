// A comparison of patterns: every figure of every run, reduced to a mean and a 95% Student-t
// interval per pattern across seeds (sim/metrics/confidence.h), written as comparison.csv
// and printed side by side.
//
// The runs of one pattern differ only by seed; every pattern runs the same seeds, so every
// column sees the same churn and arrivals (common random numbers). A figure undefined in a
// run (null in its summary.json) does not count towards that pattern's n.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/metrics/confidence.h"
#include "sim/metrics/figures.h"

namespace discolab::compare {

// One figure of the comparison: one of metrics::comparison_figures(), or a per-group figure
// (metrics::group_figure_keys()) of one client group or service, keyed
// "by_client.<group>.<figure>" or "by_service.<service>.<figure>".
struct ComparisonFigure {
  std::string key;
  std::string label;
  const metrics::Figure* figure = nullptr;  // unit and better direction
  std::string group_kind;                   // "" for a table figure; else by_client|by_service
  std::string group;
  bool in_table = true;  // shown in the printed table (every figure goes to the csv)
};

// Where a row's interval comes from: the spread across seeds (two runs or more), or, for a
// pattern with one run, the batch means within that run (summary.json steady_state.<name>,
// for the figures of metrics::kSteadyStateFigures); none when neither exists.
enum class IntervalSource { none, seeds, batch_means };
std::string_view to_string(IntervalSource source);

struct ComparisonRow {
  std::string pattern;
  const ComparisonFigure* figure = nullptr;
  metrics::MeanInterval value;
  IntervalSource interval = IntervalSource::none;
  bool correlated = false;  // batch means whose lag-1 autocorrelation flags them
  // A percentile's samples (its sample-count key) summed over the runs, and the most in one
  // run; has_samples is false for other figures.
  bool has_samples = false;
  std::uint64_t samples = 0;
  std::uint64_t max_run_samples = 0;
};

class Comparison {
 public:
  explicit Comparison(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

  // The summary.json of one successful run.
  void add(const std::string& pattern, std::uint64_t seed, const nlohmann::json& summary);

  // Every figure: the table's, then each client group's (entry clients and call-graph edges)
  // and each service's, for every group any run reported, sorted by name.
  const std::vector<ComparisonFigure>& figures() const;
  // One row per pattern × figure, patterns in the order given, figures in figures() order.
  std::vector<ComparisonRow> rows() const;
  std::size_t runs(const std::string& pattern) const;
  // The summaries of one pattern's successful runs, by seed (empty when none).
  const std::map<std::uint64_t, nlohmann::json>& summaries(const std::string& pattern) const;
  const std::vector<std::string>& patterns() const { return patterns_; }

 private:
  std::vector<std::string> patterns_;
  // pattern -> seed -> summary (ordered, so the sums run in seed order: byte-identical output)
  std::map<std::string, std::map<std::uint64_t, nlohmann::json>> summaries_;
  mutable std::vector<ComparisonFigure> figures_;  // built by figures() from the summaries
};

// comparison.csv: pattern,figure,unit,better,n,samples,mean,ci95_low,ci95_high,half_width,
// stdev,interval (samples empty when the figure is not a percentile; interval: seeds,
// batch-means or empty).
std::string comparison_csv(const std::vector<ComparisonRow>& rows);
void write_comparison_csv(const std::filesystem::path& path,
                          const std::vector<ComparisonRow>& rows);

// The side-by-side table: a row per figure, a column per pattern, "mean ± half-width"; a
// percentile no run had enough samples for reads "n=12 < 368" (the most samples of one run,
// and the sample rule's minimum); a batch-means interval is marked "ᵇ" ("ᵇ!" when its batches
// are correlated).
std::string comparison_table(const Comparison& comparison);

}  // namespace discolab::compare
