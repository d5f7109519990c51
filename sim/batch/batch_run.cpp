#include "sim/batch/batch_run.h"

#include <chrono>
#include <stdexcept>

#include "sim/batch/results_store.h"
#include "sim/batch/run_results.h"
#include "sim/batch/store_identity.h"
#include "sim/batch/store_schema.h"
#include "sim/compare/child_pool.h"
#include "sim/version.h"

namespace discolab::batch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path run_folder(const BatchRequest& request, const PlannedRun& run) {
  return request.out / "runs" / run.run_key;
}

// "results.sqlite" → "results-2026-12-02T020500Z.sqlite" (then -2, -3 … when taken).
fs::path aside_name(const fs::path& store, std::string created) {
  std::erase(created, ':');
  if (created.empty()) created = "old";
  const fs::path base = store.parent_path() / ("results-" + created);
  fs::path candidate = base.string() + ".sqlite";
  for (int k = 2; fs::exists(candidate); ++k)
    candidate = base.string() + "-" + std::to_string(k) + ".sqlite";
  return candidate;
}

RunRecord record_of(const Plan& plan, const PlannedRun& run) {
  RunRecord r;
  r.run_key = run.run_key;
  r.plan_index = run.plan_index;
  r.point = run.point;
  r.pattern = run.pattern;
  r.seed = run.seed;
  r.engine = plan.engine;
  r.scenario_hash = plan.points[run.point].scenario_hash;
  r.version = kVersion;
  for (const PlanParam& p : plan.points[run.point].params)
    r.params.push_back({p.name, p.value, p.num});
  return r;
}

}  // namespace

std::vector<std::string> child_argv(const Plan& plan, const PlannedRun& run,
                                    const BatchRequest& request) {
  std::vector<std::string> argv{request.program,
                                "run",
                                plan.scenario_path,
                                "--pattern",
                                run.pattern,
                                "--seed",
                                std::to_string(run.seed),
                                "--engine",
                                plan.engine,
                                "--progress",
                                "jsonl",
                                "--quiet",
                                "--force",
                                "--out",
                                run_folder(request, run).string()};
  for (const std::string& set : plan.points[run.point].sets) {
    argv.push_back("--set");
    argv.push_back(set);
  }
  if (request.yes) argv.push_back("--yes");
  return argv;
}

BatchStart open_batch(const Plan& plan, const BatchRequest& request) {
  BatchStart start;
  start.store = request.out / kStoreFileName;
  fs::create_directories(request.out);
  const Meta want = plan_meta(plan, request.shard);
  bool fresh = !fs::exists(start.store);
  if (!fresh) {
    Meta have;
    {
      ResultsStore store(start.store, false);
      have = store.meta();
    }  // closed: the WAL is checkpointed, so the file can move
    std::optional<std::string> why;
    if (!have.empty()) {
      why = identity_mismatch(have, want, start.store.string());
      if (!why && have[meta_key::shard] != want.at(meta_key::shard))
        why = start.store.string() + " holds " +
              (have[meta_key::shard].empty() ? std::string("the whole plan")
                                             : "shard " + have[meta_key::shard]) +
              ", not " +
              (request.shard.whole() ? std::string("the whole plan")
                                     : "shard " + request.shard.text());
    }
    if (request.new_store) {
      start.moved_aside = aside_name(start.store, have[meta_key::created_utc]);
      fs::rename(start.store, *start.moved_aside);
      fresh = true;
    } else if (why) {
      throw std::invalid_argument(
          *why +
          ".\nTo start a new store there, add --new-store (the old one is kept as "
          "results-<its creation time>.sqlite); or write this batch elsewhere with --out DIR.");
    } else if (have.empty()) {
      fresh = true;  // created, then killed before its meta was written
    }
  }
  ResultsStore store(start.store, true);
  if (fresh) store.set_meta(want);
  const auto statuses = store.statuses();
  for (const PlannedRun& run : plan.runs) {
    if (!request.shard.holds(run.plan_index)) continue;
    ++start.in_shard;
    const auto it = statuses.find(run.run_key);
    if (it != statuses.end() && it->second == "ok") {
      ++start.stored_ok;
      continue;
    }
    if (it != statuses.end()) ++start.retried;
    start.todo.push_back(run.plan_index);
  }
  return start;
}

BatchResult run_batch(const Plan& plan, const BatchRequest& request, const BatchStart& start,
                      const std::function<void(const compare::RunsProgress&)>& on_progress,
                      const std::function<int()>& pending_signal) {
  auto signal_received = [&] { return pending_signal ? pending_signal() : 0; };
  ResultsStore store(start.store, false);
  std::vector<compare::ChildJob> jobs;
  for (std::size_t index : start.todo)
    jobs.push_back({child_argv(plan, plan.runs[index], request)});
  std::vector<compare::ChildReport> reports(jobs.size());
  std::vector<std::optional<Clock::time_point>> started_at(jobs.size());

  BatchResult result;
  compare::RunsProgress progress;
  progress.total = jobs.size();
  const auto started = Clock::now();
  auto report = [&] {
    double sum = 0.0;
    for (const auto& r : reports) sum += r.fraction;
    progress.fraction = jobs.empty() ? 1.0 : sum / static_cast<double>(jobs.size());
    progress.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
    if (on_progress) on_progress(progress);
  };

  std::optional<std::string> fatal;  // the store could not be written: stop everything
  compare::ChildPool pool(request.parallel);
  compare::ChildCallbacks callbacks;
  callbacks.on_line = [&](std::size_t job, const std::string& line) {
    if (!started_at[job]) started_at[job] = Clock::now();
    if (reports[job].read_line(line) == "start") ++progress.running;
  };
  callbacks.on_exit = [&](std::size_t job, const compare::ChildExit& exit) {
    const PlannedRun& run = plan.runs[start.todo[job]];
    compare::ChildReport& r = reports[job];
    if (started_at[job] && progress.running > 0) --progress.running;
    r.finish(exit);
    const fs::path folder = run_folder(request, run);
    std::error_code ec;
    if (!r.ok && (signal_received() != 0 || fatal)) {  // stopped by us: not a result
      fs::remove_all(folder, ec);
      return;
    }
    RunRecord record = record_of(plan, run);
    record.ok = r.ok;
    if (r.ok) {
      try {
        read_run_folder(folder, record);
      } catch (const std::exception& e) {
        record.ok = false;
        record.error = std::string("its results could not be read: ") + e.what();
        record.figures.clear();
        record.timeseries.clear();
      }
    } else {
      record.error = r.error;
    }
    if (!record.ok && started_at[job])
      record.wall_s = std::chrono::duration<double>(Clock::now() - *started_at[job]).count();
    record.finished_utc = utc_now();
    try {
      store.write_run(record);
    } catch (const std::exception& e) {
      fatal = e.what();
      pool.stop();
      return;
    }
    if (!request.keep_runs || !record.ok) fs::remove_all(folder, ec);
    ++result.ran;
    ++progress.done;
    if (!record.ok) {
      ++result.failed;
      ++progress.failed;
      result.failures.push_back({run.plan_index, run.pattern, run.seed, *record.error});
    }
    report();
  };
  callbacks.on_idle = [&] {
    if (signal_received() != 0 && !pool.stopped()) pool.stop();
    report();
  };
  report();
  pool.run(jobs, callbacks);
  std::error_code ec;
  fs::remove(request.out / "runs", ec);  // only when empty
  if (fatal) throw std::runtime_error("cannot write the results store: " + *fatal);
  if (const int signal = signal_received(); signal != 0) {
    result.interrupted = true;
    result.signal = signal;
  }
  return result;
}

}  // namespace discolab::batch
