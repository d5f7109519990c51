// One simulation run: scenario in, results folder out.
//
// Builds the platform and the engine, the metrics collector, the pattern, the cluster and the
// callers; runs the simulated time in metrics intervals (streaming each finished row to the
// progress reporter); then writes summary.json, timeseries.csv, events.csv and
// scenario.resolved.yaml into a ResultsFolder, which appears only once complete.
//
// One run per process: the SimGrid engine cannot be created twice in a process (DESIGN.md).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/run/progress.h"
#include "sim/scenario/scenario.h"

namespace discolab {

struct RunRequest {
  Scenario scenario;                   // loaded and validated
  std::optional<std::string> pattern;  // overrides scenario.pattern
  std::optional<std::uint64_t> seed;   // overrides scenario.seed
  std::optional<std::string> engine;   // overrides scenario.engine
  std::filesystem::path out;           // empty: default_results_dir under results_root
  std::filesystem::path results_root = "results";
  bool replace = false;
};

struct RunResult {
  std::filesystem::path folder;
  nlohmann::json summary;
};

// Throws std::invalid_argument for bad requests (unknown pattern, engine or host, an existing
// folder) before anything is written, and std::runtime_error when the run itself fails.
RunResult run_simulation(const RunRequest& request, Progress& progress);

}  // namespace discolab
