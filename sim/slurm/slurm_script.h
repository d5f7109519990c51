// SLURM job scripts for a sharded batch (docs/batch-slurm.md).
//
// write_slurm_scripts() writes three files into a folder:
// - shards.sbatch: a job array, one task per shard; task K of N runs
//   `PROGRAM batch SWEEP --shard K/N --out OUT/shards/shard-K -j <cpus> --yes`, each writing its
//   own store OUT/shards/shard-K/results.sqlite;
// - merge.sbatch: runs `PROGRAM merge --out OUT/results.sqlite` over the N shard stores;
// - submit.sh: submits the array with `sbatch --parsable`, then the merge job with
//   `--dependency=afterok:<array id>` (it starts once every task succeeded) and prints both ids.
// Paths are written absolute (the tasks run on other nodes, from another folder) and quoted for
// the shell, so spaces and quotes in them are safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace discolab::batch {

struct SlurmRequest {
  std::filesystem::path program;        // the discolab executable, absolute
  std::filesystem::path sweep;          // the sweep file; made absolute when relative
  std::filesystem::path out;            // the batch's results folder; made absolute when relative
  std::size_t shards = 4;               // array tasks, >= 1
  std::size_t cpus_per_task = 2;        // --cpus-per-task, and the -j of each shard
  std::string job_name;                 // empty: "discolab-<sweep file stem>"
  std::string time_limit = "01:00:00";  // --time of each task and of the merge job
  // More #SBATCH options for both jobs, e.g. "--partition=short" or "#SBATCH --account=lab".
  std::vector<std::string> extra_sbatch;
};

// Writes shards.sbatch, merge.sbatch and submit.sh into `dir` (created when missing; existing
// scripts are replaced) and returns their paths in that order. Throws std::invalid_argument,
// before writing anything, for shards or cpus_per_task of 0, an empty or relative program path,
// an empty sweep or out path, a path with a control character, an out path with '"' or '\'
// (they cannot be written into an #SBATCH --output line), a job name with characters other
// than letters, digits, '.', '_' and '-', a time limit SLURM does not accept, or an extra
// option that is not one "--option[=value]" line.
std::vector<std::filesystem::path> write_slurm_scripts(const SlurmRequest& request,
                                                       const std::filesystem::path& dir);

}  // namespace discolab::batch
