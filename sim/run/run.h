// One simulation run: scenario in, results folder out.
//
// Builds the platform and the engine, the metrics collector, the pattern, the cluster and the
// callers; runs the simulated time in metrics intervals (streaming each finished row to the
// progress reporter); then writes summary.json, timeseries.csv, events.csv,
// scenario.resolved.yaml and topology.json (topology_file.h) into a ResultsFolder, which
// appears only once complete.
//
// With `metrics.warmup: auto` the run is simulated twice (fast engine only): a first pass without
// warm-up that writes nothing, from which MSER-5 picks the warm-up (sim/metrics/auto_warmup.h),
// then the run itself; summary.json records run.warmup_rule (fixed | mser-5).
//
// Before any folder is made it reports the run's size and estimated wall time (on_plan) and
// refuses a run that needs --yes (run_estimate.h). SIGINT and SIGTERM stop it at the next
// metrics interval with Interrupted (interrupt.h), its staging folder removed.
//
// One run per process: the SimGrid engine cannot be created twice in a process
// (docs/architecture.md).
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/run/progress.h"
#include "sim/run/run_estimate.h"
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
  bool confirmed = false;                  // --yes: run even when needs_confirmation() says why not
  std::vector<std::string> set_overrides;  // the --set the scenario was loaded with, as given
  // --preset: its label names the default folder in place of the pattern; its keys were
  // applied as overrides before set_overrides (sim/scenario/presets.h).
  std::string preset;
  std::vector<std::string> preset_overrides;
  // Called once the platform is known, before anything is written.
  std::function<void(const ScenarioSize&, double estimated_wall_s)> on_plan;
};

struct RunResult {
  std::filesystem::path folder;
  nlohmann::json summary;
};

// Throws std::invalid_argument for bad requests (unknown pattern, engine or host, an existing
// folder, a run that needs --yes) before anything is written, Interrupted on SIGINT/SIGTERM,
// and std::runtime_error when the run itself fails.
RunResult run_simulation(const RunRequest& request, Progress& progress);

}  // namespace discolab
