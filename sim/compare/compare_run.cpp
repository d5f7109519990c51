#include "sim/compare/compare_run.h"

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sim/compare/child_pool.h"
#include "sim/compare/child_report.h"
#include "sim/compare/theory_rows.h"
#include "sim/run/results_folder.h"
#include "sim/version.h"

namespace discolab::compare {
namespace {

namespace fs = std::filesystem;

void write_json(const fs::path& path, const nlohmann::json& j) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << j.dump(2) << "\n";
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

fs::path default_compare_dir(const fs::path& root, const std::string& scenario,
                             const std::string& engine, int seeds) {
  const fs::path base =
      root / scenario / ("compare-" + engine + "-" + std::to_string(seeds) + "seeds");
  fs::path candidate = base;
  for (int k = 2; fs::exists(candidate); ++k) candidate = base.string() + "-" + std::to_string(k);
  return candidate;
}

CompareResult run_compare(const CompareRequest& request, const Scenario& scenario,
                          const std::function<void(const CompareProgress&)>& on_progress,
                          const std::function<int()>& pending_signal) {
  auto signal_received = [&] { return pending_signal ? pending_signal() : 0; };
  if (request.patterns.empty()) throw std::invalid_argument("compare: no patterns to compare");
  if (request.seeds < 1) throw std::invalid_argument("compare: --seeds must be at least 1");
  const std::string engine = request.engine.empty() ? scenario.engine : request.engine;
  const std::uint64_t first_seed = request.first_seed.value_or(scenario.seed);
  const fs::path target =
      request.out.empty()
          ? default_compare_dir(request.results_root, scenario.name, engine, request.seeds)
          : request.out;
  ResultsFolder folder(target, request.replace);
  fs::create_directories(folder.staging() / "runs");

  CompareResult result;
  std::vector<ChildJob> jobs;
  // Seeds outer, patterns inner: the first results to arrive cover every pattern.
  for (int k = 0; k < request.seeds; ++k) {
    const std::uint64_t seed = first_seed + static_cast<std::uint64_t>(k);
    for (const std::string& pattern : request.patterns) {
      RunStatus s;
      s.pattern = pattern;
      s.seed = seed;
      s.folder = "runs/" + pattern + "-seed" + std::to_string(seed);
      ChildJob job;
      const auto args = request.column_args.find(pattern);
      const std::vector<std::string> column = args != request.column_args.end()
                                                  ? args->second
                                                  : std::vector<std::string>{"--pattern", pattern};
      job.argv = {request.program, "run", request.scenario_path};
      job.argv.insert(job.argv.end(), column.begin(), column.end());
      job.argv.insert(job.argv.end(),
                      {"--seed", std::to_string(seed), "--engine", engine, "--progress", "jsonl",
                       "--quiet", "--out", (folder.staging() / s.folder).string()});
      for (const std::string& set : request.sets) {
        job.argv.push_back("--set");
        job.argv.push_back(set);
      }
      for (const std::string& flag : request.child_flags) job.argv.push_back(flag);
      jobs.push_back(std::move(job));
      result.runs.push_back(std::move(s));
    }
  }

  Comparison comparison(request.patterns);
  std::vector<ChildReport> reports(jobs.size());
  CompareProgress progress;
  progress.total = jobs.size();
  const auto started = std::chrono::steady_clock::now();
  auto report = [&] {
    double sum = 0.0;
    for (const ChildReport& r : reports) sum += r.fraction;
    progress.fraction = sum / static_cast<double>(jobs.size());
    progress.wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (on_progress) on_progress(progress);
  };

  ChildPool pool(request.parallel);
  ChildCallbacks callbacks;
  callbacks.on_line = [&](std::size_t job, const std::string& line) {
    if (reports[job].read_line(line) == "start") ++progress.running;
  };
  callbacks.on_exit = [&](std::size_t job, const ChildExit& exit) {
    ChildReport& r = reports[job];
    RunStatus& s = result.runs[job];
    if (exit.started && progress.running > 0) --progress.running;
    r.finish(exit);
    s.ok = r.ok;
    s.exit_code = r.exit_code;
    s.wall_s = r.wall_s;
    if (r.ok) {
      comparison.add(s.pattern, s.seed, r.summary);
    } else {
      s.error = r.error;
      ++result.failed;
      ++progress.failed;
    }
    ++progress.done;
    report();
  };
  callbacks.on_idle = [&] {
    if (signal_received() != 0 && !pool.stopped()) pool.stop();
    report();
  };
  pool.run(jobs, callbacks);

  if (const int signal = signal_received(); signal != 0) {
    result.interrupted = true;
    result.signal = signal;
    result.folder = folder.target();
    return result;  // ~ResultsFolder removes the staging folder and every run in it
  }

  const auto rows = comparison.rows();
  write_comparison_csv(folder.staging() / "comparison.csv", rows);
  const std::vector<TheoryRow> theory = theory_rows(comparison, scenario, request.column_scenarios);
  if (!theory.empty()) {
    std::ofstream csv(folder.staging() / "theory.csv", std::ios::binary | std::ios::trunc);
    csv << theory_csv(theory);
    if (!csv.flush()) throw std::runtime_error("cannot write theory.csv");
  }
  nlohmann::json runs = nlohmann::json::array();
  for (const RunStatus& s : result.runs) {
    nlohmann::json r = {{"pattern", s.pattern},
                        {"seed", s.seed},
                        {"folder", s.folder},
                        {"ok", s.ok},
                        {"exit_code", s.exit_code}};
    if (!s.error.empty()) r["error"] = s.error;
    runs.push_back(std::move(r));
  }
  // Each column's pattern: its label, or a preset's pattern.
  nlohmann::json column_patterns = nlohmann::json::object();
  for (const std::string& label : request.patterns) {
    const auto applied = request.column_scenarios.find(label);
    column_patterns[label] =
        applied != request.column_scenarios.end() ? applied->second.pattern : label;
  }
  write_json(folder.staging() / "compare.json", {{"scenario", scenario.name},
                                                 {"scenario_file", request.scenario_path},
                                                 {"patterns", request.patterns},
                                                 {"column_patterns", column_patterns},
                                                 {"seeds", request.seeds},
                                                 {"first_seed", first_seed},
                                                 {"engine", engine},
                                                 {"version", kVersion},
                                                 {"overrides", request.sets},
                                                 {"runs", runs}});
  result.table = comparison_table(comparison);
  if (!theory.empty()) result.table += "\n" + theory_table(theory);
  folder.commit();
  result.folder = folder.target();
  return result;
}

}  // namespace discolab::compare
