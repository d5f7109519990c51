// Presets on the command line: `discolab presets` lists them; run, validate and compare take
// --presets DIR (where they are; default: sim/scenario/presets.h) and run and validate take
// --preset NAME[+NAME…] (apply it onto the scenario and run its pattern).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/presets.h"

namespace discolab {

struct PresetOptions {
  std::string preset;       // --preset; empty: none
  std::string presets_dir;  // --presets; empty: found as presets.h says
};

// Adds --presets (and, with `with_preset`, --preset) to `cmd`.
void add_preset_options(CLI::App& cmd, PresetOptions& o, bool with_preset);

// The presets folder for --presets `preferred` (or the default search from this program).
std::filesystem::path presets_dir(const std::string& preferred);

// The runnable patterns' names, for messages.
std::vector<std::string> runnable_pattern_names();

// The preset stack --preset names, resolved; nullopt without --preset.
std::optional<PresetStack> chosen_presets(const PresetOptions& o);

// The stack's overrides followed by the user's --set: what the scenario is loaded with.
std::vector<std::string> with_preset_sets(const std::optional<PresetStack>& stack,
                                          const std::vector<std::string>& sets);

CLI::App* add_presets_command(CLI::App& app, PresetOptions& o);
int run_presets_command(const PresetOptions& o);

}  // namespace discolab
