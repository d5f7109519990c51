// Every figure discolab writes, declared once (sim/metrics/figures_table.h), and what reads
// that table: summary.json's writer, the `run` summary table, `compare` (comparison.csv and
// its table), the timeseries columns, `discolab figures` and docs/metrics.md, and later the
// results database and the GUI.
//
// The table is made of blocks (the figures of a latency distribution, of a request count …),
// each appearing in one or more scopes: a file and a key prefix, e.g. the latency block at
// "latency." and at "by_client.<group>.latency.". A key is a dotted path into summary.json
// ("latency.p99_ms"); its value there is a number or null (undefined). A `<name>` segment of
// a pattern stands for any name (a group, a service, a cause …), which may itself hold dots.
//
// Naming: groups carry no unit; leaves that are times carry theirs (`_ms`, `_s`), rates end in
// `_per_s`; counts and fractions carry none.
//
// Sample rule: a percentile is reported only when its sample count n admits a two-sided
// distribution-free 95% interval for the q-quantile from order statistics, i.e.
// q^n ≤ 0.025 and (1 − q)^n ≤ 0.025: n ≥ ceil(ln 0.025 / ln q) for q ≥ 0.5 (p50: 6, p90: 36,
// p99: 368, p99.9: 3688). Otherwise the percentile is null and its sample count says why.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/metrics/figures_table.h"

namespace discolab::metrics {

// One figure where it appears: its full key pattern and, for a percentile, the full key
// pattern of its sample count.
struct DeclaredFigure {
  std::string key;          // "by_client.<group>.latency.p99_ms"
  std::string samples_key;  // "by_client.<group>.latency.samples", or ""
  std::string label;        // the scope's label, then the figure's
  const Figure* figure = nullptr;
  const FigureScope* scope = nullptr;
  std::string_view file() const { return scope->file; }
};

// Every figure of every file, in table order.
std::span<const DeclaredFigure> all_figures();
// The declared figure a concrete key of `file` is an instance of, or nullptr.
const DeclaredFigure* find_figure(std::string_view key, std::string_view file = kSummary);
// Whether `key` is an instance of `pattern` (each `<name>` matches one or more characters).
bool key_matches(std::string_view pattern, std::string_view key);

// The smallest sample count for which the q-quantile gets a 95% interval (see above).
std::uint64_t min_samples(double quantile);
// `value`, or NaN (undefined) when `figure` is a percentile and n is below its minimum.
double percentile_or_nan(const Figure& figure, std::uint64_t n, double value);

// The summary.json figures `compare` reports, in the order its table shows them. A key
// starting with "user." reads the user-facing client group's figures:
// "user.latency.p99_ms" is by_client.<user_facing_client>.latency.p99_ms.
struct ComparedFigure {
  std::string key;
  std::string label;
  const DeclaredFigure* declared = nullptr;
};
std::span<const ComparedFigure> comparison_figures();
// The figures of one client group or called service `compare` reports, relative to
// by_client.<group>. or by_service.<service>.
std::span<const std::string_view> group_figure_keys();

// The groups of a summary: "by_client" or "by_service" names, sorted.
std::vector<std::string> group_names(const nlohmann::json& summary, std::string_view kind);

// The number at `key` in `summary`, or nullptr when absent or not a number (null = undefined).
const nlohmann::json* figure_value(const nlohmann::json& summary, std::string_view key);
// The number at `key` under summary[kind][name] (a group name may hold dots).
const nlohmann::json* group_figure_value(const nlohmann::json& summary, std::string_view kind,
                                         const std::string& name, std::string_view key);
// The sample count behind the figure at concrete `key` (its samples key with the same names
// filled in), or nullptr when it has none.
const nlohmann::json* sample_count(const nlohmann::json& summary, std::string_view key);

std::string_view to_string(Better better);

// `discolab figures`: one line per figure (file, key, unit, label); and the Markdown reference
// docs/metrics.md holds between its marker comments.
std::string figures_list();
std::string figures_markdown();

}  // namespace discolab::metrics
