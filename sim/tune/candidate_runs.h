// The runs of a tune's candidates, through the batch machinery (sim/batch/): each candidate
// setting is a point of a growing batch plan, resolved through the same --set code as `run`;
// its runs are `discolab run --progress jsonl` children, stored one transaction each in the
// tune's results.sqlite, so a rerun of the same tune skips what is stored and a tune can be
// reported and exported like a batch (docs/tune.md).
//
// Common random numbers: seed k of every candidate is the scenario's seed + k, so candidates
// are compared on the same churn and arrivals.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/batch/batch_run.h"
#include "sim/batch/plan.h"
#include "sim/tune/tune_spec.h"

namespace discolab::tune {

struct Candidate {
  std::string pattern;
  std::vector<std::string> values;  // the --set value of every vary, in spec order
  std::vector<double> u;            // coordinates of the continuous varies in [0, 1]
  std::size_t arm = 0;              // pattern × discrete choice (search.h)
  std::string stage;                // the search stage that first asked for it
  std::size_t seeds = 0;            // seeds asked for: the scenario's seed + 0 … seeds − 1
  std::size_t ok_runs = 0, failed_runs = 0;
  std::string error;  // of the last failed run
  // figure → its value in each ok run, in seed order (NaN: undefined in that run)
  std::map<std::string, std::vector<double>> samples;
};

struct RunsRequest {
  std::filesystem::path out;
  std::size_t parallel = 1;
  std::string program;  // the discolab executable
  bool yes = false;
  bool new_store = false;
  std::string command;  // the tune's command line, kept in the store's meta
};

// Thrown when a signal stopped the runs; what was stored stays.
struct TuneInterrupted {
  int signal = 0;
};

class CandidateRuns {
 public:
  using Progress = std::function<void(const compare::RunsProgress&)>;
  CandidateRuns(const TuneSpec& spec, RunsRequest request, Progress on_progress,
                std::function<int()> pending_signal);

  // The candidate with these values for `pattern`, added when new (resolving its scenario:
  // a key or value the scenario refuses throws ScenarioError naming the --vary).
  std::size_t add(const std::string& pattern, const std::vector<std::string>& values,
                  const std::vector<double>& u, std::size_t arm, const std::string& stage);
  // Gives each (candidate, seeds) at least that many seeds, all missing runs at once (-j in
  // parallel); stored runs are read, not run. Throws TuneInterrupted on a signal.
  void ensure(const std::vector<std::pair<std::size_t, std::size_t>>& wants);
  // How many runs `ensure` would add.
  std::size_t cost(const std::vector<std::pair<std::size_t, std::size_t>>& wants) const;

  const std::vector<Candidate>& candidates() const { return candidates_; }
  const Candidate& operator[](std::size_t i) const { return candidates_[i]; }
  std::size_t requested() const { return plan_.runs.size(); }  // the budget's count
  std::size_t executed() const { return executed_; }           // run by this process
  std::size_t skipped() const { return skipped_; }             // found stored
  std::size_t failed() const { return failed_; }
  std::filesystem::path store() const;
  const batch::Plan& plan() const { return plan_; }
  // Records the runs requested as the store's plan_size.
  void finish();

 private:
  const TuneSpec& spec_;
  RunsRequest request_;
  Progress on_progress_;
  std::function<int()> pending_signal_;
  batch::Plan plan_;  // every point and run asked for so far
  std::uint64_t first_seed_ = 0;
  std::map<std::string, std::size_t> point_of_;  // values joined → plan point
  std::vector<Candidate> candidates_;
  std::map<std::pair<std::string, std::size_t>, std::size_t> index_;  // (pattern, point)
  std::vector<std::size_t> candidate_point_;
  std::vector<std::string> figures_;  // objective and SLO figures, read from the store
  std::size_t executed_ = 0, skipped_ = 0, failed_ = 0;
  bool opened_ = false;
};

}  // namespace discolab::tune
