// The `discolab tune` command: options, progress on stderr and the answer on stdout
// (sim/tune/ does the work; docs/tune.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace discolab {

struct TuneOptions {
  std::string scenario, pattern, objective, out, progress = "auto";
  std::vector<std::string> patterns, slos, varies;
  bool maximize = false, yes = false, new_store = false, quiet = false;
  std::size_t budget = 200, seeds = 3, max_seeds = 24;
  unsigned jobs = 0;  // 0: the number of cores
};

CLI::App* add_tune_command(CLI::App& app, TuneOptions& options);
// 0 an answer (whether or not the SLO can be met), 1 runs failed, 2 bad input, 130/143 signal.
int run_tune_command(const TuneOptions& options);

}  // namespace discolab
