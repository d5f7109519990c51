// The `discolab batch` and `discolab merge` commands: options, and what they print
// (sim/batch/ does the work; docs/batch.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace discolab {

struct BatchOptions {
  std::string sweep, out, shard, progress = "auto";
  unsigned jobs = 0;  // 0: the number of cores
  bool dry_run = false, yes = false, new_store = false, keep_runs = false, quiet = false;
  // --emit-slurm DIR: write sbatch scripts for a SLURM array of `shards` tasks and run nothing.
  std::string emit_slurm, slurm_time = "01:00:00";
  std::size_t shards = 4;
  std::vector<std::string> slurm_options;
};

struct MergeOptions {
  std::string out;
  std::vector<std::string> inputs;
};

CLI::App* add_batch_command(CLI::App& app, BatchOptions& options);
// 0 every run ok, 1 some run failed, 2 bad input (sweep, store of another batch), 130/143 signal.
int run_batch_command(const BatchOptions& options);

CLI::App* add_merge_command(CLI::App& app, MergeOptions& options);
int run_merge_command(const MergeOptions& options);

}  // namespace discolab
