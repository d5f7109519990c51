// What the store keeps of a finished run folder: the figures of summary.json that the figures
// table declares (sim/metrics/figures.h), as concrete keys, and timeseries.csv in tidy form.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/batch/results_store.h"

namespace discolab::batch {

// Every number or null leaf of `summary` whose dotted key is a declared figure, in key order:
// ("latency.p99_ms", 12.5), ("by_client.users.latency.p99_ms", nullopt) …
std::vector<std::pair<std::string, std::optional<double>>> summary_figures(
    const nlohmann::json& summary);

// timeseries.csv: one sample per row and column after t_s (an empty field is NULL). Throws
// std::runtime_error when the file is missing or malformed.
std::vector<RunRecord::Sample> read_timeseries_csv(const std::filesystem::path& file);

// summary.json and timeseries.csv of a run folder into `run` (figures, timeseries, wall_s).
void read_run_folder(const std::filesystem::path& folder, RunRecord& run);

}  // namespace discolab::batch
