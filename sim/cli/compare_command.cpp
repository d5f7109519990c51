#include "sim/cli/compare_command.h"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <thread>

#include "sim/cli/cli.h"
#include "sim/cli/command_line.h"
#include "sim/cli/runs_progress.h"
#include "sim/compare/compare_run.h"
#include "sim/platform/platform.h"
#include "sim/run/interrupt.h"
#include "sim/run/pattern_factory.h"
#include "sim/run/run_estimate.h"
#include "sim/scenario/enum_names.h"
#include "sim/scenario/scenario_loader.h"

namespace discolab {
namespace {

std::vector<std::string> split_patterns(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
  }
  return out;
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run several patterns on the same scenario and seeds (child processes) and compare them");
  cmd->add_option("scenario", o.scenario, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  std::string runnable;
  for (std::string_view p : runnable_patterns())
    runnable += (runnable.empty() ? "" : ",") + std::string(p);
  cmd->add_option("--patterns", o.patterns,
                  "Comma-separated patterns or presets of real systems (discolab presets; "
                  "stack presets with '+'), in column order (default: every runnable pattern: " +
                      runnable + ")")
      ->type_name("P1,P2,…");
  add_preset_options(*cmd, o.presets, false);
  cmd->add_option("--seeds", o.seeds, "Runs per pattern, with seeds S, S+1, … (default 5)")
      ->check(CLI::Range(1, 10000));
  o.seed_option = cmd->add_option("--seed", o.seed,
                                  "First seed S, 0 to 18446744073709551615 (default: the "
                                  "scenario's)")
                      ->type_name("S");
  cmd->add_option("--engine", o.engine, "Engine (default: the scenario's)")
      ->check(CLI::IsMember(std::vector<std::string>(kEngineNames.begin(), kEngineNames.end())));
  cmd->add_option("-j,--jobs", o.jobs, "Runs in parallel (default: the number of cores)");
  cmd->add_option("--out", o.out,
                  "Comparison folder (default: results/<scenario>/compare-<engine>-<N>seeds)")
      ->type_name("DIR");
  cmd->add_flag("--force", o.force, "Replace the comparison folder if it exists");
  cmd->add_option("--set", o.sets, "Override a scenario key for every run (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--progress", o.progress, "auto: a bar on a terminal; bar; none")
      ->check(CLI::IsMember({"auto", "bar", "none"}));
  cmd->add_flag("-q,--quiet", o.quiet, "No progress bar");
  cmd->add_flag("-y,--yes", o.yes,
                "Run even when each run is expected to be long or to pack too many containers "
                "on a host (passed on to every run)");
  return cmd;
}

int run_compare_command(const CompareOptions& o) {
  const Scenario scenario = load_scenario(o.scenario, o.sets);
  compare::CompareRequest req;
  req.scenario_path = o.scenario;
  req.sets = o.sets;
  req.patterns = o.patterns.empty() ? std::vector<std::string>(runnable_patterns().begin(),
                                                               runnable_patterns().end())
                                    : split_patterns(o.patterns);
  // Refuse unknown or unbuilt patterns and presets before any child starts. A preset's column
  // runs its pattern on the scenario with the preset applied.
  const Platform platform = make_platform(scenario.platform);
  const std::vector<std::string> runnable_names = runnable_pattern_names();
  const std::vector<std::string> pattern_names(kPatternNames.begin(), kPatternNames.end());
  std::filesystem::path dir;
  for (const std::string& p : req.patterns) {
    const bool is_pattern =
        std::find(pattern_names.begin(), pattern_names.end(), p) != pattern_names.end();
    if (is_pattern) {
      check_pattern(p, scenario, platform);
      continue;
    }
    if (dir.empty()) dir = presets_dir(o.presets.presets_dir);
    const PresetStack stack = resolve_presets(dir, p, runnable_names);
    std::vector<std::string> sets = stack.sets;
    sets.insert(sets.end(), o.sets.begin(), o.sets.end());
    Scenario applied = load_scenario(o.scenario, sets);
    applied.pattern = stack.pattern;
    check_pattern(stack.pattern, applied, platform);
    req.column_args[p] = {"--preset", p, "--presets", dir.string()};
    req.column_scenarios.emplace(p, std::move(applied));
  }
  req.seeds = o.seeds;
  if (o.seed_option != nullptr && o.seed_option->count() > 0)
    req.first_seed = parse_seed_option(o.seed);
  const std::uint64_t first = req.first_seed.value_or(scenario.seed);
  if (first > UINT64_MAX - static_cast<std::uint64_t>(o.seeds - 1))
    throw std::invalid_argument("seeds from " + std::to_string(first) + " with --seeds " +
                                std::to_string(o.seeds) +
                                " run past the largest seed, 18446744073709551615");
  // Each run would ask for --yes on its own: ask once, before starting any.
  const std::string engine = o.engine.empty() ? scenario.engine : o.engine;
  const ScenarioSize size = scenario_size(scenario, platform.host_count());
  const double run_s = estimated_wall_s(size, engine);
  if (auto why = needs_confirmation(size, run_s); why && !o.yes)
    throw std::invalid_argument(*why +
                                "; add --yes to compare anyway, or make the scenario smaller");
  if (o.yes) req.child_flags.push_back("--yes");
  req.engine = o.engine;
  req.parallel = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  req.out = o.out;
  req.replace = o.force;
  req.program = self_executable();

  const bool bar =
      !o.quiet && (o.progress == "bar" || (o.progress == "auto" && isatty(STDERR_FILENO)));
  const std::size_t total = req.patterns.size() * static_cast<std::size_t>(req.seeds);
  if (!o.quiet)
    std::cerr << "compare: " << total << (total == 1 ? " run (" : " runs (") << req.patterns.size()
              << (req.patterns.size() == 1 ? " pattern × " : " patterns × ") << req.seeds
              << (req.seeds == 1 ? " seed), " : " seeds), ") << req.parallel << " at a time, "
              << describe_wall(run_s * static_cast<double>(total) /
                               static_cast<double>(std::min(req.parallel, total)))
              << "\n";
  InterruptWatch interrupts;
  compare::CompareProgress last;
  const compare::CompareResult result = compare::run_compare(
      req, scenario,
      [&](const compare::CompareProgress& p) {
        last = p;
        if (bar) draw_runs_bar(p, false);
      },
      [] { return InterruptWatch::pending(); });
  if (bar) draw_runs_bar(last, true);
  if (result.interrupted) {
    std::cerr << "discolab: compare interrupted ("
              << (result.signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "): stopped every run and removed the partial comparison\n";
    return 128 + result.signal;
  }
  for (const auto& r : result.runs) {
    if (!r.ok)
      std::cerr << "discolab: run " << r.pattern << " seed " << r.seed << " failed (exit "
                << r.exit_code << "): " << r.error << "\n";
  }
  std::cout << "discolab compare | " << scenario.name << " | engine " << engine << " | "
            << req.seeds << " seeds from " << req.first_seed.value_or(scenario.seed) << "\n";
  std::cout << result.table;
  const bool theory = std::filesystem::exists(result.folder / "theory.csv");
  std::cout << "results: " << result.folder.string() << " (comparison.csv, "
            << (theory ? "theory.csv, " : "") << "compare.json, runs/)\n";
  if (result.failed == 0) return kExitOk;
  // Every run refused as bad input: the comparison's own input was bad.
  const bool all_bad =
      std::all_of(result.runs.begin(), result.runs.end(),
                  [](const compare::RunStatus& r) { return r.exit_code == kExitBadInput; });
  return all_bad ? kExitBadInput : kExitFailure;
}

}  // namespace discolab
