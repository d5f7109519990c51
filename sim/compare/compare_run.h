// `discolab compare`: every pattern on the same scenario and seeds, as child processes.
//
// Each (pattern, seed) is one `discolab run … --progress jsonl --quiet` child writing its own
// run folder; the children of one seed share its churn and arrivals (common random numbers).
// The compare folder is written like a run folder — into a staging folder renamed into place
// only when complete — and holds:
//   runs/<pattern>-seed<S>/   each run's folder (summary.json, timeseries.csv, …)
//   comparison.csv            one row per pattern × figure: mean, 95% interval, n
//   theory.csv                the closed forms that apply to the scenario beside what the
//                             runs measured (theory_rows.h); only when one applies
//   compare.json              what produced it (scenario, patterns, seeds, engine, version,
//                             overrides) and every run's status
// A child that fails is reported with its error and the others go on; the comparison uses the
// runs that succeeded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/compare/child_report.h"
#include "sim/compare/comparison.h"
#include "sim/scenario/scenario.h"

namespace discolab::compare {

struct CompareRequest {
  std::string scenario_path;
  std::vector<std::string> sets;      // --set overrides, passed on to every child
  std::vector<std::string> patterns;  // column labels, in order: runnable patterns or presets
  // A column's child arguments in place of "--pattern <label>" (a preset's: --preset NAME
  // --presets DIR), and the scenario it runs (the preset applied, its pattern set), for theory.
  std::map<std::string, std::vector<std::string>> column_args;
  std::map<std::string, Scenario> column_scenarios;
  int seeds = 5;
  std::optional<std::uint64_t> first_seed;  // default: the scenario's seed
  std::string engine;                       // empty: the scenario's
  std::size_t parallel = 2;
  std::filesystem::path out;  // empty: results/<scenario>/compare-<engine>-<N>seeds
  std::filesystem::path results_root = "results";
  bool replace = false;
  std::vector<std::string> child_flags;  // extra flags for every child (e.g. --yes)
  std::string program;                   // the discolab executable the children run
};

struct RunStatus {
  std::string pattern;
  std::uint64_t seed = 0;
  std::string folder;  // relative to the compare folder
  bool ok = false;
  int exit_code = 0;
  std::string error;
  double wall_s = 0.0;
};

struct CompareResult {
  std::filesystem::path folder;
  std::vector<RunStatus> runs;
  std::size_t failed = 0;
  std::string table;
  bool interrupted = false;
  int signal = 0;
};

// Progress of the whole comparison: runs done and failed, and the mean fraction of all runs.
using CompareProgress = RunsProgress;

// results/<scenario>/compare-<engine>-<N>seeds, with "-2", "-3" … appended when taken.
std::filesystem::path default_compare_dir(const std::filesystem::path& root,
                                          const std::string& scenario, const std::string& engine,
                                          int seeds);

// Runs the comparison. `scenario` is the loaded scenario (validated, with the overrides).
// `pending_signal` is polled while children run: a non-zero answer (the signal number) stops
// them, removes the staging folder and returns with interrupted set. Throws std::invalid_argument
// for a bad request (an existing folder, no patterns) before starting anything.
CompareResult run_compare(const CompareRequest& request, const Scenario& scenario,
                          const std::function<void(const CompareProgress&)>& on_progress,
                          const std::function<int()>& pending_signal);

}  // namespace discolab::compare
