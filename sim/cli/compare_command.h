// The `discolab compare` command: options, and what it prints (sim/compare/ does the work).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/presets_command.h"

namespace discolab {

struct CompareOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::string patterns;  // comma-separated; empty: every runnable pattern
  int seeds = 5;
  std::string seed;  // checked as the loader checks `seed:` (command_line.h)
  CLI::Option* seed_option = nullptr;
  std::string engine, out, progress = "auto";
  unsigned jobs = 0;  // 0: the number of cores
  bool force = false, quiet = false, yes = false;
  PresetOptions presets;  // --presets DIR
};

// Adds the subcommand to `app`, filling `options` when it is parsed.
CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);
// Runs it; returns the exit code (0 all runs ok, 1 some failed, 2 bad input, 130/143 signal).
int run_compare_command(const CompareOptions& options);

}  // namespace discolab
