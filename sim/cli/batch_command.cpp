#include "sim/cli/batch_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "sim/batch/batch_run.h"
#include "sim/batch/plan.h"
#include "sim/batch/store_merge.h"
#include "sim/batch/sweep.h"
#include "sim/cli/cli.h"
#include "sim/cli/runs_progress.h"
#include "sim/run/interrupt.h"
#include "sim/run/run_estimate.h"
#include "sim/slurm/slurm_script.h"

namespace discolab {
namespace {

std::string point_text(const batch::PlanPoint& point) {
  std::string text;
  for (const auto& p : point.params) text += (text.empty() ? "" : " ") + p.name + "=" + p.value;
  return text;
}

void print_dry_run(const batch::Plan& plan, const batch::Shard& shard) {
  std::cout << "plan_index\trun_key\tpattern\tseed\tparameters\n";
  for (const auto& run : plan.runs)
    if (shard.holds(run.plan_index))
      std::cout << run.plan_index << "\t" << run.run_key << "\t" << run.pattern << "\t" << run.seed
                << "\t" << point_text(plan.points[run.point]) << "\n";
}

}  // namespace

CLI::App* add_batch_command(CLI::App& app, BatchOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "batch",
      "Run a sweep (parameters × patterns × seeds) as child processes into a SQLite results "
      "store; rerunning resumes");
  cmd->add_option("sweep", o.sweep, "Sweep file (YAML), e.g. scenarios/sweeps/dns-ttl.yaml")
      ->required()
      ->type_name("SWEEP");
  cmd->add_option("-j,--jobs", o.jobs, "Runs in parallel (default: the number of cores)");
  cmd->add_option("--out", o.out, "Batch folder (default: results/<sweep name>)")->type_name("DIR");
  cmd->add_option("--shard", o.shard,
                  "Run only plan indexes i with i mod N = K-1 (1-based K), e.g. 2/4")
      ->type_name("K/N");
  cmd->add_flag("--dry-run", o.dry_run,
                "Check the sweep and print the plan (one line per run) without running it");
  cmd->add_flag("-y,--yes", o.yes,
                "Run even when runs are expected to be long or to pack too many containers on "
                "a host (passed on to every run)");
  cmd->add_flag("--new-store", o.new_store,
                "Start a new store when the folder holds one of another batch (the old one is "
                "kept as results-<time>.sqlite)");
  cmd->add_flag("--keep-runs", o.keep_runs,
                "Keep each run's folder (runs/<run_key>/) after storing it");
  cmd->add_option("--progress", o.progress,
                  "auto: a bar on a terminal, else a line every 10 s; bar; lines; none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
  cmd->add_flag("-q,--quiet", o.quiet, "No progress");
  cmd->add_option("--emit-slurm", o.emit_slurm,
                  "Write sbatch scripts running the sweep as a SLURM job array of --shards "
                  "tasks, then their merge, into DIR (submit with DIR/submit.sh); runs nothing")
      ->type_name("DIR");
  cmd->add_option("--shards", o.shards, "Array tasks for --emit-slurm (default 4)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--slurm-time", o.slurm_time,
                  "Time limit of each array task for --emit-slurm (default 01:00:00)")
      ->type_name("HH:MM:SS");
  cmd->add_option("--slurm-option", o.slurm_options,
                  "An extra #SBATCH line for --emit-slurm, e.g. --slurm-option=--partition=short "
                  "(repeatable)")
      ->type_name("LINE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return cmd;
}

int run_batch_command(const BatchOptions& o) {
  const batch::Plan plan = batch::make_plan(batch::load_sweep(o.sweep));
  batch::BatchRequest req;
  if (!o.shard.empty()) req.shard = batch::parse_shard(o.shard);
  req.out = o.out.empty() ? std::filesystem::path("results") / plan.sweep.name
                          : std::filesystem::path(o.out);
  req.parallel = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  req.yes = o.yes;
  req.new_store = o.new_store;
  req.keep_runs = o.keep_runs;
  req.program = self_executable();
  for (const auto& point : plan.points)
    if (point.needs_yes && !o.yes)
      throw std::invalid_argument(*point.needs_yes + " (" + point_text(point) +
                                  "); add --yes to run the batch anyway");

  if (!o.emit_slurm.empty()) {
    if (!req.shard.whole())
      throw std::invalid_argument("--emit-slurm makes its own shards: drop --shard");
    batch::SlurmRequest s;
    s.program = req.program;
    s.sweep = std::filesystem::absolute(o.sweep);
    s.out = std::filesystem::absolute(req.out);
    s.shards = o.shards;
    s.cpus_per_task = o.jobs > 0 ? o.jobs : 2;
    s.time_limit = o.slurm_time;
    s.extra_sbatch = o.slurm_options;
    std::cerr << "batch " << plan.sweep.name << ": " << batch::describe_plan(plan) << "; "
              << o.shards << " SLURM array tasks\n";
    for (const auto& file : batch::write_slurm_scripts(s, o.emit_slurm))
      std::cout << file.string() << "\n";
    return kExitOk;
  }

  std::cerr << "batch " << plan.sweep.name << ": " << batch::describe_plan(plan)
            << (req.shard.whole() ? "" : "; shard " + req.shard.text()) << "\n";
  if (o.dry_run) {
    double wall = 0;
    for (const auto& run : plan.runs)
      if (req.shard.holds(run.plan_index)) wall += plan.points[run.point].run_wall_s;
    std::cerr << "estimated wall time at -j " << req.parallel << ": "
              << describe_wall(wall / static_cast<double>(req.parallel)) << " (dry run)\n";
    print_dry_run(plan, req.shard);
    return kExitOk;
  }

  const batch::BatchStart start = batch::open_batch(plan, req);
  if (start.moved_aside)
    std::cerr << "batch: kept the old store as " << start.moved_aside->string() << "\n";
  double wall = 0;
  for (std::size_t index : start.todo) wall += plan.points[plan.runs[index].point].run_wall_s;
  const std::size_t lanes = std::max<std::size_t>(1, std::min(req.parallel, start.todo.size()));
  std::cerr << "batch: " << start.todo.size() << " of " << start.in_shard << " runs to do ("
            << start.stored_ok << " already stored ok, skipped; " << start.retried
            << " failed before, retried), " << req.parallel << " at a time, estimated "
            << describe_wall(wall / static_cast<double>(lanes)) << "\n";

  const bool terminal = isatty(STDERR_FILENO) != 0;
  const bool bar = !o.quiet && (o.progress == "bar" || (o.progress == "auto" && terminal));
  const bool lines = !o.quiet && (o.progress == "lines" || (o.progress == "auto" && !terminal));
  InterruptWatch interrupts;
  RunsProgressPrinter progress("batch", bar, lines);
  const batch::BatchResult result = batch::run_batch(
      plan, req, start, [&](const compare::RunsProgress& p) { progress(p); },
      [] { return InterruptWatch::pending(); });
  progress.finish();
  if (result.interrupted) {
    std::cerr << "discolab: batch interrupted (" << (result.signal == SIGINT ? "SIGINT" : "SIGTERM")
              << "): stopped every run; " << result.ran << " runs were stored in "
              << start.store.string() << "; run the same command again to resume\n";
    return 128 + result.signal;
  }
  for (const auto& f : result.failures)
    std::cerr << "discolab: run " << f.plan_index << " (" << f.pattern << ", seed " << f.seed
              << ") failed: " << f.error << "\n";
  std::cout << "batch " << plan.sweep.name << ": " << result.ran << " runs done ("
            << result.ran - result.failed << " ok, " << result.failed << " failed), "
            << start.stored_ok << " skipped as already stored; results: " << start.store.string()
            << "\n";
  return result.failed == 0 ? kExitOk : kExitFailure;
}

CLI::App* add_merge_command(CLI::App& app, MergeOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "merge", "Merge results stores of one batch (e.g. its shards) into one, without duplicates");
  cmd->add_option("--out", o.out, "The merged store (created, or merged into)")
      ->required()
      ->type_name("OUT.sqlite");
  cmd->add_option("stores", o.inputs, "Input stores")->required()->type_name("IN.sqlite...");
  return cmd;
}

int run_merge_command(const MergeOptions& o) {
  std::vector<std::filesystem::path> inputs(o.inputs.begin(), o.inputs.end());
  const std::filesystem::path out(o.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  const batch::MergeResult r = batch::merge_stores(out, inputs);
  std::cout << "merged " << inputs.size() << " stores into " << o.out << ": " << r.total
            << " runs (" << r.ok << " ok, " << r.failed << " failed); " << r.copied << " copied, "
            << r.replaced << " failed runs replaced by ok ones, " << r.duplicates
            << " duplicates skipped\n";
  return kExitOk;
}

}  // namespace discolab
