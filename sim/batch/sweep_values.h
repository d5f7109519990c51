// The values of one sweep parameter: a list as written, or a linear or logarithmic range
// expanded into values with the unit of `from` (docs/batch.md, "Ranges").
//
//   {from: 0.1, to: 1.0, step: 0.3}              0.1, 0.4, 0.7, 1
//   {from: 10s, to: 40s, count: 4}               10s, 20s, 30s, 40s
//   {from: 1s, to: 60s, count: 4, scale: log}    1s, 3.915s, 15.33s, 60s
//
// Linear values are rounded to 12 significant digits (so 0.1 + 3 × 0.3 is 1, not
// 1.0000000000000002) and `to` is included when a step lands on it; logarithmic values to 4
// significant digits, the ends exact.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/batch/sweep.h"
#include "sim/scenario/issue_log.h"

namespace discolab::batch {

// The number a value stands for in the scenario's base unit: plain numbers as they are,
// durations in seconds, rates per second, bandwidths in bits per second, host speeds in flop/s;
// nullopt for anything else ("true", "round-robin").
std::optional<double> numeric_value(std::string_view text);

// The unit written after a value's number: "15s" → "s", "0.3" → "", "6/h" → "/h".
std::string unit_suffix(const std::string& text);
// x rounded to `digits` significant digits (0, inf and NaN as they are).
double round_significant(double x, int digits);

// The values of the parameter `node` (a list or a range mapping); problems go to `log` at
// `key_path`. Empty when there were problems.
std::vector<SweepValue> parameter_values(const YAML::Node& node, const std::string& key_path,
                                         IssueLog& log);

}  // namespace discolab::batch
