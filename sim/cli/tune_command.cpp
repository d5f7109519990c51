#include "sim/cli/tune_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "sim/cli/cli.h"
#include "sim/cli/runs_progress.h"
#include "sim/report/gnuplot_plots.h"
#include "sim/run/interrupt.h"
#include "sim/run/pattern_factory.h"
#include "sim/tune/candidate_runs.h"
#include "sim/tune/search.h"
#include "sim/tune/tune_output.h"
#include "sim/tune/verdict.h"

namespace discolab {
namespace {

std::string quoted(const std::string& s) {
  return s.find_first_of(" <>=|'\"$*") == std::string::npos ? s : "'" + s + "'";
}

// The command as a person would type it again (the store and tune.json keep it).
std::string command_text(const TuneOptions& o, const tune::TuneSpec& spec) {
  std::string c = "discolab tune " + quoted(o.scenario) + " --patterns ";
  for (std::size_t i = 0; i < spec.patterns.size(); ++i) c += (i ? "," : "") + spec.patterns[i];
  c += " --objective " + spec.objective.figure + (spec.objective.maximize ? " --maximize" : "");
  for (const auto& s : spec.slos) c += " --slo " + quoted(s.text);
  for (const auto& v : spec.varies) c += " --vary " + quoted(v.text);
  c += " --budget " + std::to_string(spec.budget) + " --seeds " + std::to_string(spec.seeds) +
       " --max-seeds " + std::to_string(spec.max_seeds);
  if (!o.out.empty()) c += " --out " + quoted(o.out);
  return c;
}

tune::TuneSpec make_spec(const TuneOptions& o) {
  tune::TuneSpec spec;
  spec.scenario = o.scenario;
  if (!o.pattern.empty()) spec.patterns.push_back(o.pattern);
  for (const std::string& p : o.patterns)
    if (std::find(spec.patterns.begin(), spec.patterns.end(), p) == spec.patterns.end())
      spec.patterns.push_back(p);
  if (spec.patterns.empty())
    throw std::invalid_argument(
        "give --pattern P or --patterns a,b (runnable: client-side, dns, "
        "central-lb, per-host-proxy, api-gateway)");
  for (const std::string& p : spec.patterns) {
    const auto runnable = runnable_patterns();
    if (std::find(runnable.begin(), runnable.end(), p) == runnable.end())
      throw std::invalid_argument("--patterns: \"" + p + "\" is not a runnable pattern");
  }
  spec.objective = tune::parse_objective(o.objective, o.maximize);
  for (const std::string& s : o.slos) spec.slos.push_back(tune::parse_slo(s));
  for (const std::string& v : o.varies) {
    spec.varies.push_back(tune::parse_vary(v));
    for (std::size_t k = 0; k + 1 < spec.varies.size(); ++k)
      if (spec.varies[k].key == spec.varies.back().key)
        throw std::invalid_argument("--vary " + spec.varies.back().key + " is given twice");
  }
  if (spec.varies.empty())
    throw std::invalid_argument("give at least one --vary KEY=LO..HI (or KEY=a,b,c)");
  spec.budget = o.budget;
  spec.seeds = o.seeds;
  spec.max_seeds = std::max(o.max_seeds, o.seeds);
  return spec;
}

}  // namespace

CLI::App* add_tune_command(CLI::App& app, TuneOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "tune",
      "Find the settings that meet SLOs at the best objective (e.g. the least control-plane "
      "cost), per pattern, within a run budget; runs go into a batch results store");
  cmd->add_option("scenario", o.scenario, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  cmd->add_option("--pattern", o.pattern, "The pattern to tune")->type_name("P");
  cmd->add_option("--patterns", o.patterns, "Patterns to tune and rank, comma-separated")
      ->type_name("A,B")
      ->delimiter(',');
  cmd->add_option("--objective", o.objective,
                  "The figure to minimise, a key as `discolab figures` lists it, e.g. "
                  "control_plane.messages_per_s")
      ->required()
      ->type_name("FIGURE");
  cmd->add_flag("--maximize", o.maximize, "Maximise the objective instead");
  cmd->add_option("--slo", o.slos,
                  "A constraint 'FIGURE <= VALUE' or 'FIGURE >= VALUE' in the figure's unit, "
                  "e.g. 'staleness.propagation_p99_s <= 10s' (repeatable)")
      ->type_name("'FIGURE <= VALUE'")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--vary", o.varies,
                  "A scenario key to vary, as --set takes it: KEY=LO..HI[:log] (continuous) or "
                  "KEY=a,b,c (enumerated) (repeatable)")
      ->type_name("KEY=LO..HI[:log]")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--budget", o.budget, "Runs at most, stored ones included (default 200)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seeds", o.seeds, "Seeds of a first look at a candidate (default 3)")
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--max-seeds", o.max_seeds, "Seeds racing gives a candidate at most (default 24)")
      ->check(CLI::Range(2, 10000));
  cmd->add_option("-j,--jobs", o.jobs, "Runs in parallel (default: the number of cores)");
  cmd->add_option("--out", o.out, "Tune folder (default: results/tune-<scenario name>)")
      ->type_name("DIR");
  cmd->add_flag("-y,--yes", o.yes, "Run even when runs are expected to be long (passed on)");
  cmd->add_flag("--new-store", o.new_store,
                "Start a new store when the folder holds another tune's (the old one is kept)");
  cmd->add_option("--progress", o.progress,
                  "auto: a bar on a terminal, else a line every 10 s; bar; lines; none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
  cmd->add_flag("-q,--quiet", o.quiet, "No progress");
  return cmd;
}

int run_tune_command(const TuneOptions& o) {
  const tune::TuneSpec spec = make_spec(o);
  tune::RunsRequest req;
  req.out = o.out.empty() ? std::filesystem::path("results") /
                                ("tune-" + std::filesystem::path(o.scenario).stem().string())
                          : std::filesystem::path(o.out);
  req.parallel = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  req.program = self_executable();
  req.yes = o.yes;
  req.new_store = o.new_store;
  req.command = command_text(o, spec);

  const bool terminal = isatty(STDERR_FILENO) != 0;
  const bool bar = !o.quiet && (o.progress == "bar" || (o.progress == "auto" && terminal));
  const bool lines = !o.quiet && (o.progress == "lines" || (o.progress == "auto" && !terminal));
  RunsProgressPrinter progress("tune", bar, lines);
  const auto started = std::chrono::steady_clock::now();
  auto note = [&](const std::string& line) {
    if (o.quiet) return;
    progress.finish();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "tune: " << line << " (" << static_cast<long>(s) << " s)\n" << std::flush;
  };
  InterruptWatch interrupts;
  tune::CandidateRuns runs(
      spec, req, [&](const compare::RunsProgress& p) { progress(p); },
      [] { return InterruptWatch::pending(); });
  note("tuning " + std::to_string(spec.patterns.size()) + " pattern(s), " +
       std::to_string(tune::arms_of(spec).size()) + " arm(s), budget " +
       std::to_string(spec.budget) + " runs, " + std::to_string(req.parallel) +
       " at a time, into " + req.out.string());
  try {
    tune::search(spec, runs, note);
  } catch (const tune::TuneInterrupted& e) {
    progress.finish();
    runs.finish();
    std::cerr << "discolab: tune interrupted (" << (e.signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "): " << runs.executed() << " runs were stored in " << runs.store().string()
              << "; run the same command again to resume\n";
    return 128 + e.signal;
  }
  runs.finish();
  const tune::Verdict verdict = tune::make_verdict(spec, runs);
  tune::OutputRequest out{req.out, req.command, report::find_gnuplot()};
  for (const std::string& n : tune::write_outputs(out, spec, runs, verdict))
    std::cerr << "discolab: tune: " << n << "\n";
  std::cout << tune::answer_text(spec, runs, verdict) << "\nfolder: " << req.out.string()
            << " (answer.md, candidates.csv, pareto.csv, plots/pareto.png, tune.json, "
               "results.sqlite)\n";
  return runs.failed() == 0 ? kExitOk : kExitFailure;
}

}  // namespace discolab
