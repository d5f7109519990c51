#include "sim/cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/batch_command.h"
#include "sim/cli/command_line.h"
#include "sim/cli/compare_command.h"
#include "sim/cli/export_command.h"
#include "sim/cli/presets_command.h"
#include "sim/cli/report_command.h"
#include "sim/cli/summary_table.h"
#include "sim/cli/tune_command.h"
#include "sim/cli/validate_theory_command.h"
#include "sim/metrics/figures.h"
#include "sim/platform/platform.h"
#include "sim/run/interrupt.h"
#include "sim/run/pattern_factory.h"
#include "sim/run/run.h"
#include "sim/run/run_estimate.h"
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
  std::string pattern, engine, out, seed, progress = "auto";
  bool force = false, quiet = false, yes = false;
  CLI::Option* out_option = nullptr;
  CLI::Option* seed_option = nullptr;
  PresetOptions presets;
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

// Loads the scenario and, for topology: file, its platform XML, so that a broken platform is
// reported as bad input here rather than failing a run later. Returns the host count.
// Checks all that `run` checks before it writes anything: the platform loads, and the pattern
// can be built from the scenario's settings; so "valid" means a run will start.
int do_validate(const std::string& path, const std::vector<std::string>& sets,
                const PresetOptions& presets) {
  const std::optional<PresetStack> stack = chosen_presets(presets);
  Scenario sc = load_scenario(path, with_preset_sets(stack, sets));
  if (stack) sc.pattern = stack->pattern;
  const Platform platform = load_checked_platform(sc);
  check_pattern(sc.pattern, sc, platform);
  const ScenarioSize size = scenario_size(sc, platform.host_count());
  std::cout << path << ": valid — " << describe_size(size) << ", " << to_seconds(sc.duration)
            << " s simulated, pattern " << sc.pattern
            << (stack ? " (preset " + stack->label + ")" : std::string()) << ", engine "
            << sc.engine << "\n";
  return kExitOk;
}

ProgressMode progress_mode(const RunOptions& o) {
  ProgressMode mode = default_progress_mode(stderr, o.quiet);
  if (o.progress == "bar") mode = o.quiet ? ProgressMode::none : ProgressMode::bar;
  if (o.progress == "jsonl") mode = ProgressMode::jsonl;
  if (o.progress == "none") mode = ProgressMode::none;
  return mode;
}

int do_run(const RunOptions& o) {
  RunRequest req;
  if (o.out_option->count() > 0 && o.out.empty())
    throw std::invalid_argument("--out: the results folder name is empty");
  if (o.seed_option->count() > 0) req.seed = parse_seed_option(o.seed);
  const std::optional<PresetStack> stack = chosen_presets(o.presets);
  req.scenario = load_scenario(o.scenario, with_preset_sets(stack, o.sets));
  if (stack) {
    if (!o.pattern.empty() && o.pattern != stack->pattern)
      throw std::invalid_argument("--preset " + stack->label + " configures " + stack->pattern +
                                  ", not --pattern " + o.pattern);
    req.pattern = stack->pattern;
    req.preset = stack->label;
    req.preset_overrides = stack->sets;
  }
  if (!o.pattern.empty()) req.pattern = o.pattern;
  if (!o.engine.empty()) req.engine = o.engine;
  req.out = o.out;
  req.replace = o.force;
  req.confirmed = o.yes;
  req.set_overrides = o.sets;

  const ProgressMode mode = progress_mode(o);
  // The size line and the table go to stdout, or with jsonl (which owns stdout) to stderr.
  std::ostream* text = mode != ProgressMode::jsonl ? &std::cout : o.quiet ? nullptr : &std::cerr;
  Progress progress(mode, req.scenario.duration);
  req.on_plan = [&](const ScenarioSize& size, double wall_s) {
    if (wall_s > kShowBarAtOnceAboveWallS || size.containers > kShowBarAtOnceAboveContainers)
      progress.show_bar_at_once();
    if (text == nullptr) return;
    *text << req.scenario.name << ": " << describe_size(size) << "; expected wall time "
          << describe_wall(wall_s) << " (" << req.engine.value_or(req.scenario.engine)
          << " engine)\n"
          << std::flush;
  };
  RunResult result;
  try {
    result = run_simulation(req, progress);
  } catch (...) {
    progress.abandon();  // cli_main reports the error (and the jsonl error line)
    throw;
  }
  progress.done({{"folder", result.folder.string()}, {"summary", result.summary}});
  if (text != nullptr) *text << summary_table(result.summary, result.folder.string());
  return kExitOk;
}

CLI::App* add_run_command(CLI::App& app, RunOptions& o) {
  CLI::App* run = app.add_subcommand("run", "Run one simulation and write its results folder");
  run->add_option("scenario", o.scenario, "Scenario file (YAML), e.g. scenarios/quickstart.yaml")
      ->required()
      ->type_name("SCENARIO");
  run->add_option("--pattern", o.pattern, "Discovery pattern (default: the scenario's)")
      ->check(CLI::IsMember(names(kPatternNames)));
  o.seed_option = run->add_option("--seed", o.seed,
                                  "Random seed, 0 to 18446744073709551615 (default: the "
                                  "scenario's)")
                      ->type_name("N");
  run->add_option("--engine", o.engine, "Engine (default: the scenario's)")
      ->check(CLI::IsMember(names(kEngineNames)));
  o.out_option =
      run->add_option("--out", o.out,
                      "Results folder (default: results/<scenario>/<pattern>-seed<N>-<engine>, "
                      "with -set<hash> when --set is used)")
          ->type_name("DIR");
  run->add_flag("--force", o.force,
                "Replace the results folder if it exists (only a folder discolab wrote)");
  run->add_flag("-y,--yes", o.yes,
                "Run even when expected to take over 10 minutes or to pack more containers on a "
                "host than the model allows");
  add_set_option(*run, o.sets);
  add_preset_options(*run, o.presets, true);
  run->add_option("--progress", o.progress,
                  "auto: a bar on a terminal; bar; jsonl: JSON lines on stdout; none")
      ->check(CLI::IsMember({"auto", "bar", "jsonl", "none"}));
  run->add_flag("-q,--quiet", o.quiet, "No progress bar and, with jsonl, no table on stderr");
  return run;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"discolab — compare service-discovery patterns on a simulated container cluster"};
  app.set_version_flag("--version", std::string(kVersion));
  app.require_subcommand(1);
  app.footer(
      "Run `discolab COMMAND --help` for a command's options. Exit codes: 0 ok, 2 bad input, 1 "
      "failure, 130/143 interrupted (SIGINT/SIGTERM).");

  RunOptions run_opts;
  CLI::App* run = add_run_command(app, run_opts);

  std::string validate_path;
  std::vector<std::string> validate_sets;
  CLI::App* validate =
      app.add_subcommand("validate", "Check a scenario file and report every problem in it");
  validate->add_option("scenario", validate_path, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  add_set_option(*validate, validate_sets);
  PresetOptions validate_presets;
  add_preset_options(*validate, validate_presets, true);

  PresetOptions presets_opts;
  CLI::App* presets_cmd = add_presets_command(app, presets_opts);

  CompareOptions compare_opts;
  CLI::App* compare = add_compare_command(app, compare_opts);

  BatchOptions batch_opts;
  CLI::App* batch = add_batch_command(app, batch_opts);

  MergeOptions merge_opts;
  CLI::App* merge = add_merge_command(app, merge_opts);

  ExportOptions export_opts;
  CLI::App* export_cmd = add_export_command(app, export_opts);
  ReportOptions report_opts;
  CLI::App* report_cmd = add_report_command(app, report_opts);

  TuneOptions tune_opts;
  CLI::App* tune_cmd = add_tune_command(app, tune_opts);

  ValidateTheoryOptions validate_theory_opts;
  CLI::App* validate_theory = add_validate_theory_command(app, validate_theory_opts);

  CLI::App* schema =
      app.add_subcommand("schema", "Print the scenario schema (docs/scenario.md) as Markdown");

  bool figures_markdown = false;
  CLI::App* figures = app.add_subcommand(
      "figures",
      "List every figure discolab writes (summary.json, timeseries columns): key, unit, label");
  figures->add_flag("--markdown", figures_markdown,
                    "Print the reference with definitions, as in docs/metrics.md");

  const ErrorReport report(wants_jsonl(argc, argv));
  if (auto unknown =
          unknown_subcommand(argc, argv,
                             {"run", "validate", "compare", "batch", "merge", "export", "report",
                              "validate-theory", "schema", "figures", "presets", "tune"}))
    return report.bad_input(*unknown);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::ostringstream message;
    app.exit(e, message, message);
    return report.bad_input(message.str());
  }

  try {
    if (*run) return do_run(run_opts);
    if (*validate) return do_validate(validate_path, validate_sets, validate_presets);
    if (*presets_cmd) return run_presets_command(presets_opts);
    if (*compare) return run_compare_command(compare_opts);
    if (*batch) return run_batch_command(batch_opts);
    if (*merge) return run_merge_command(merge_opts);
    if (*export_cmd) return run_export_command(export_opts);
    if (*report_cmd) return run_report_command(report_opts);
    if (*tune_cmd) return run_tune_command(tune_opts);
    if (*validate_theory) return run_validate_theory_command(validate_theory_opts);
    if (*schema) {
      std::cout << scenario_schema_markdown();
      return kExitOk;
    }
    if (*figures) {
      std::cout << (figures_markdown ? metrics::figures_markdown() : metrics::figures_list());
      return kExitOk;
    }
  } catch (const ScenarioError& e) {
    return report.scenario_error(e.what());
  } catch (const Interrupted& e) {
    return report.interrupted(e);
  } catch (const std::invalid_argument& e) {
    return report.bad_input(e.what());
  } catch (const std::exception& e) {
    return report.failure(e.what());
  }
  return kExitFailure;
}

}  // namespace discolab
