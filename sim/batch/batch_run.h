// `discolab batch`: the runs of a plan (or of one shard of it) as parallel child processes
// (`discolab run --progress jsonl`, the protocol `compare` uses), each stored in the batch's
// results.sqlite in one transaction as it finishes (docs/batch.md).
//
// The batch folder holds results.sqlite and runs/<run_key>/, where each child writes its run
// folder (removed once stored unless keep_runs). Runs already stored with status 'ok' are
// skipped; 'failed' ones are run again. A failed run is stored with its error and the others go
// on. A signal stops every child; what was stored stays, and rerunning the same command
// resumes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/batch/plan.h"
#include "sim/compare/child_report.h"

namespace discolab::batch {

struct BatchRequest {
  std::filesystem::path out;  // the batch folder
  Shard shard;
  std::size_t parallel = 1;
  bool yes = false;        // passed to every child
  bool keep_runs = false;  // keep runs/<run_key>/ after storing
  bool new_store = false;  // move an existing store of another batch aside
  std::string program;     // the discolab executable the children run
};

struct BatchFailure {
  std::size_t plan_index = 0;
  std::string pattern;
  std::uint64_t seed = 0;
  std::string error;
};

// What opening the store found, before any run starts.
struct BatchStart {
  std::filesystem::path store;
  std::size_t in_shard = 0;  // runs of the plan in this shard
  std::size_t stored_ok = 0, retried = 0;
  std::vector<std::size_t> todo;                     // plan indexes to run, in plan order
  std::optional<std::filesystem::path> moved_aside;  // the old store, with new_store
};

struct BatchResult {
  std::size_t ran = 0, failed = 0;
  std::vector<BatchFailure> failures;
  bool interrupted = false;
  int signal = 0;
};

// Opens (or creates) out/results.sqlite for the plan and works out what is left to do. Throws
// std::invalid_argument when the store holds another batch (another version, sweep text, base
// scenario or engine; or another shard), saying how to proceed.
BatchStart open_batch(const Plan& plan, const BatchRequest& request);

// Runs `start.todo`. `pending_signal` is polled while children run: a non-zero answer stops
// them and returns with interrupted set.
BatchResult run_batch(const Plan& plan, const BatchRequest& request, const BatchStart& start,
                      const std::function<void(const compare::RunsProgress&)>& on_progress,
                      const std::function<int()>& pending_signal);

// The child's command line for one run of the plan.
std::vector<std::string> child_argv(const Plan& plan, const PlannedRun& run,
                                    const BatchRequest& request);

}  // namespace discolab::batch
