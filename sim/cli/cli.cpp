#include "sim/cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/compare_command.h"
#include "sim/cli/summary_table.h"
#include "sim/run/run.h"
#include "sim/scenario/enum_names.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario/schema.h"
#include "sim/version.h"

namespace discolab {
namespace {

struct RunOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::string pattern, engine, out, progress = "auto";
  std::optional<std::uint64_t> seed;
  bool force = false, quiet = false;
};

void add_set_option(CLI::App& cmd, std::vector<std::string>& sets) {
  cmd.add_option("--set", sets,
                 "Override a scenario key, e.g. --set services.web.replicas=8 or "
                 "--set churn.crashes.rate_per_instance=6/h (repeatable)")
      ->type_name("KEY=VALUE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

std::vector<std::string> names(const auto& list) {
  std::vector<std::string> out;
  for (std::string_view n : list) out.emplace_back(n);
  return out;
}

void error_line(const std::string& message) { std::cerr << "discolab: error: " << message << "\n"; }

int do_validate(const std::string& path, const std::vector<std::string>& sets) {
  const Scenario sc = load_scenario(path, sets);
  int containers = 0, callers = 0;
  for (const auto& s : sc.services) containers += s.replicas;
  for (const auto& c : sc.clients) callers += c.count;
  std::cout << path << ": valid — " << sc.services.size() << " services, " << containers
            << " containers, " << callers << " callers, " << to_seconds(sc.duration)
            << " s simulated, pattern " << sc.pattern << ", engine " << sc.engine << "\n";
  return kExitOk;
}

int do_run(const RunOptions& o) {
  RunRequest req;
  req.scenario = load_scenario(o.scenario, o.sets);
  if (!o.pattern.empty()) req.pattern = o.pattern;
  if (!o.engine.empty()) req.engine = o.engine;
  req.seed = o.seed;
  req.out = o.out;
  req.replace = o.force;

  ProgressMode mode = default_progress_mode(stderr, o.quiet);
  if (o.progress == "bar") mode = o.quiet ? ProgressMode::none : ProgressMode::bar;
  if (o.progress == "jsonl") mode = ProgressMode::jsonl;
  if (o.progress == "none") mode = ProgressMode::none;
  Progress progress(mode, req.scenario.duration);
  try {
    const RunResult result = run_simulation(req, progress);
    progress.done({{"folder", result.folder.string()}, {"summary", result.summary}});
    const std::string table = summary_table(result.summary, result.folder.string());
    if (mode != ProgressMode::jsonl) {
      std::cout << table;
    } else if (!o.quiet) {
      std::cerr << table;
    }
    return kExitOk;
  } catch (const std::exception& e) {
    progress.error(e.what());
    throw;
  }
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"discolab — compare service-discovery patterns on a simulated container cluster"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.footer(
      "Run `discolab COMMAND --help` for a command's options. Exit codes: 0 ok, 2 bad input, 1 "
      "failure.");

  RunOptions run_opts;
  CLI::App* run = app.add_subcommand("run", "Run one simulation and write its results folder");
  run->add_option("scenario", run_opts.scenario,
                  "Scenario file (YAML), e.g. scenarios/quickstart.yaml")
      ->required()
      ->type_name("SCENARIO");
  run->add_option("--pattern", run_opts.pattern, "Discovery pattern (default: the scenario's)")
      ->check(CLI::IsMember(names(kPatternNames)));
  run->add_option("--seed", run_opts.seed, "Random seed (default: the scenario's)");
  run->add_option("--engine", run_opts.engine, "Engine (default: the scenario's)")
      ->check(CLI::IsMember(names(kEngineNames)));
  run->add_option("--out", run_opts.out,
                  "Results folder (default: results/<scenario>/<pattern>-seed<N>-<engine>)")
      ->type_name("DIR");
  run->add_flag("--force", run_opts.force, "Replace the results folder if it exists");
  add_set_option(*run, run_opts.sets);
  run->add_option("--progress", run_opts.progress,
                  "auto: a bar on a terminal; bar; jsonl: JSON lines on stdout; none")
      ->check(CLI::IsMember({"auto", "bar", "jsonl", "none"}));
  run->add_flag("-q,--quiet", run_opts.quiet,
                "No progress bar and, with jsonl, no table on stderr");

  std::string validate_path;
  std::vector<std::string> validate_sets;
  CLI::App* validate =
      app.add_subcommand("validate", "Check a scenario file and report every problem in it");
  validate->add_option("scenario", validate_path, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  add_set_option(*validate, validate_sets);

  CompareOptions compare_opts;
  CLI::App* compare = add_compare_command(app, compare_opts);

  CLI::App* schema =
      app.add_subcommand("schema", "Print the scenario schema (docs/scenario.md) as Markdown");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  try {
    if (*run) return do_run(run_opts);
    if (*validate) return do_validate(validate_path, validate_sets);
    if (*compare) return run_compare_command(compare_opts);
    if (*schema) {
      std::cout << scenario_schema_markdown();
      return kExitOk;
    }
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    error_line(e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    error_line(e.what());
    return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace discolab
