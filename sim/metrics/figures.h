// The figures a comparison reports: each declared once, with its place in summary.json, its
// unit, a label for tables and which direction is better.
//
// `compare` reads this table to build comparison.csv and its side-by-side table; later
// readers (the results database, the GUI) read the same one. A key is a dotted path into
// summary.json ("latency_ms.p99"); its value there is a number or null (undefined). A key
// starting with "user." reads the user-facing client group's figures:
// "user.latency_ms.p99" is by_client.<user_facing_client>.latency_ms.p99.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace discolab::metrics {

enum class Better : unsigned char { lower, higher, neither };

struct Figure {
  std::string_view key;    // dotted path in summary.json
  std::string_view unit;   // "ms", "s", "fraction", "1/s", "B/s" …
  std::string_view label;  // short, for tables
  Better better = Better::lower;
};

// In the order tables show them.
std::span<const Figure> comparison_figures();

// The figures of one client group (by_client.<group>: an entry client or a call-graph edge
// "<service>-><called>") or of one called service (by_service.<service>), keys relative to it.
std::span<const Figure> group_figures();

// The groups of a summary: "by_client" or "by_service" names, sorted.
std::vector<std::string> group_names(const nlohmann::json& summary, std::string_view kind);

// The number at `key` in `summary`, or nullptr when absent or not a number (null = undefined).
const nlohmann::json* figure_value(const nlohmann::json& summary, std::string_view key);
// The number at `key` under summary[kind][name] (a group name may hold dots).
const nlohmann::json* group_figure_value(const nlohmann::json& summary, std::string_view kind,
                                         const std::string& name, std::string_view key);

std::string_view to_string(Better better);

}  // namespace discolab::metrics
