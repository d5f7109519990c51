#include "sim/tune/candidate_runs.h"

#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "sim/batch/results_store.h"
#include "sim/batch/store_schema.h"
#include "sim/batch/sweep.h"
#include "sim/batch/sweep_values.h"
#include "sim/scenario/scenario_error.h"

namespace discolab::tune {
namespace {

namespace fs = std::filesystem;

// A sweep of one point: every vary at one value. make_plan resolves and checks it.
batch::Sweep point_sweep(const TuneSpec& spec, const std::string& text, const fs::path& out,
                         const std::string& pattern, const std::vector<std::string>& values) {
  batch::Sweep sweep;
  sweep.path = (out / "tune.yaml").string();
  sweep.text = text;
  sweep.name = out.filename().string();
  sweep.scenario = spec.scenario;
  sweep.scenario_where = spec.scenario;
  sweep.patterns = {pattern};
  sweep.seeds.count = 1;
  for (std::size_t k = 0; k < spec.varies.size(); ++k) {
    batch::SweepParameter p;
    p.name = spec.varies[k].key_for(pattern);
    p.where = "--vary " + spec.varies[k].key;
    p.values.push_back({values[k], batch::numeric_value(values[k]), p.where});
    sweep.parameters.push_back(std::move(p));
    sweep.axes.push_back({k});
  }
  return sweep;
}

}  // namespace

CandidateRuns::CandidateRuns(const TuneSpec& spec, RunsRequest request, Progress on_progress,
                             std::function<int()> pending_signal)
    : spec_(spec),
      request_(std::move(request)),
      on_progress_(std::move(on_progress)),
      pending_signal_(std::move(pending_signal)) {
  figures_.push_back(spec.objective.figure);
  for (const Slo& s : spec.slos)
    if (std::find(figures_.begin(), figures_.end(), s.figure) == figures_.end())
      figures_.push_back(s.figure);
}

fs::path CandidateRuns::store() const { return request_.out / batch::kStoreFileName; }

std::size_t CandidateRuns::add(const std::string& pattern, const std::vector<std::string>& values,
                               const std::vector<double>& u, std::size_t arm,
                               const std::string& stage) {
  std::string joined;  // the --set texts: a patterns.* key differs by pattern
  for (std::size_t k = 0; k < values.size(); ++k)
    joined += spec_.varies[k].key_for(pattern) + '=' + values[k] + '\x1f';
  auto point_it = point_of_.find(joined);
  std::size_t point = 0;
  if (point_it == point_of_.end()) {
    const batch::Plan one =
        batch::make_plan(point_sweep(spec_, spec_text(spec_), request_.out, pattern, values));
    if (plan_.points.empty()) {
      plan_.sweep = one.sweep;
      plan_.sweep.parameters.clear();
      plan_.sweep.axes.clear();
      plan_.scenario_path = one.scenario_path;
      plan_.scenario_text = one.scenario_text;
      plan_.engine = one.engine;
      plan_.patterns = spec_.patterns;
      first_seed_ = one.seeds.front();
    }
    point = plan_.points.size();
    plan_.points.push_back(one.points.front());
    point_of_.emplace(joined, point);
  } else {
    point = point_it->second;
    // A point resolved for another pattern: check this one can be built too.
    if (index_.find({pattern, point}) == index_.end())
      (void)batch::make_plan(point_sweep(spec_, spec_text(spec_), request_.out, pattern, values));
  }
  const auto [it, fresh] = index_.emplace(std::pair{pattern, point}, candidates_.size());
  if (fresh) {
    Candidate c;
    c.pattern = pattern;
    c.values = values;
    c.u = u;
    c.arm = arm;
    c.stage = stage;
    candidates_.push_back(std::move(c));
    candidate_point_.push_back(point);
  }
  return it->second;
}

std::size_t CandidateRuns::cost(
    const std::vector<std::pair<std::size_t, std::size_t>>& wants) const {
  std::map<std::size_t, std::size_t> most;
  for (const auto& [c, n] : wants) most[c] = std::max(most[c], n);
  std::size_t runs = 0;
  for (const auto& [c, n] : most) runs += n > candidates_[c].seeds ? n - candidates_[c].seeds : 0;
  return runs;
}

void CandidateRuns::ensure(const std::vector<std::pair<std::size_t, std::size_t>>& wants) {
  std::map<std::size_t, std::size_t> most;
  for (const auto& [c, n] : wants) most[c] = std::max(most[c], n);
  const std::size_t first_new = plan_.runs.size();
  std::vector<std::size_t> run_candidate;  // of each new run
  for (const auto& [c, n] : most) {
    Candidate& cand = candidates_[c];
    for (std::size_t k = cand.seeds; k < n; ++k) {
      batch::PlannedRun run;
      run.plan_index = plan_.runs.size();
      run.point = candidate_point_[c];
      run.pattern = cand.pattern;
      run.seed = first_seed_ + k;
      run.run_key = batch::run_key(plan_.points[run.point].resolved_text, run.pattern, run.seed,
                                   plan_.engine);
      plan_.runs.push_back(std::move(run));
      run_candidate.push_back(c);
    }
    cand.seeds = std::max(cand.seeds, n);
  }
  if (plan_.runs.size() == first_new) return;

  batch::BatchRequest req;
  req.out = request_.out;
  req.parallel = request_.parallel;
  req.yes = request_.yes;
  req.new_store = request_.new_store && !opened_;
  req.program = request_.program;
  batch::BatchStart start = batch::open_batch(plan_, req);
  if (!opened_) {
    batch::ResultsStore(start.store, false).set_meta({{"tune_command", request_.command}});
    opened_ = true;
  }
  std::erase_if(start.todo, [&](std::size_t i) { return i < first_new; });
  skipped_ += (plan_.runs.size() - first_new) - start.todo.size();
  if (!start.todo.empty()) {
    const batch::BatchResult result =
        batch::run_batch(plan_, req, start, on_progress_, pending_signal_);
    executed_ += result.ran;
    if (result.interrupted) throw TuneInterrupted{result.signal};
  }

  batch::ResultsStore store(start.store, false);
  batch::Statement status = store.db().prepare("SELECT status, error FROM runs WHERE run_key = ?");
  batch::Statement figure =
      store.db().prepare("SELECT value FROM figures WHERE run_key = ? AND figure = ?");
  for (std::size_t i = first_new; i < plan_.runs.size(); ++i) {
    Candidate& cand = candidates_[run_candidate[i - first_new]];
    const std::string& key = plan_.runs[i].run_key;
    status.bind(1, key);
    const bool found = status.step();
    const bool ok = found && status.text(0) == "ok";
    if (found && !ok) cand.error = status.text(1);
    status.reset();
    if (!ok) {
      ++cand.failed_runs;
      ++failed_;
      continue;
    }
    ++cand.ok_runs;
    for (const std::string& f : figures_) {
      figure.bind(1, key).bind(2, f);
      double v = std::numeric_limits<double>::quiet_NaN();
      if (figure.step()) v = figure.real(0).value_or(v);
      figure.reset();
      cand.samples[f].push_back(v);
    }
  }
}

void CandidateRuns::finish() {
  if (!opened_) return;
  batch::ResultsStore(store(), false)
      .set_meta({{batch::meta_key::plan_size, std::to_string(plan_.runs.size())}});
}

}  // namespace discolab::tune
