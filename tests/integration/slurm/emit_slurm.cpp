// discolab_emit_slurm PROGRAM SWEEP OUT DIR SHARDS [CPUS]: writes the SLURM scripts of
// write_slurm_scripts() into DIR, for run-slurm-array.sh (the same scripts as
// `discolab batch SWEEP --emit-slurm DIR`).
#include <exception>
#include <iostream>
#include <string>

#include "sim/slurm/slurm_script.h"

int main(int argc, char** argv) {
  if (argc != 6 && argc != 7) {
    std::cerr << "usage: discolab_emit_slurm PROGRAM SWEEP OUT DIR SHARDS [CPUS]\n";
    return 2;
  }
  try {
    discolab::batch::SlurmRequest request;
    request.program = argv[1];
    request.sweep = argv[2];
    request.out = argv[3];
    request.shards = std::stoul(argv[5]);
    if (argc == 7) request.cpus_per_task = std::stoul(argv[6]);
    request.time_limit = "00:10:00";
    for (const auto& path : discolab::batch::write_slurm_scripts(request, argv[4])) {
      std::cout << path.string() << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "discolab_emit_slurm: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
