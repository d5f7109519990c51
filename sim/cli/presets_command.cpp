#include "sim/cli/presets_command.h"

#include <iostream>

#include "sim/cli/cli.h"
#include "sim/cli/runs_progress.h"
#include "sim/run/pattern_factory.h"

namespace discolab {

void add_preset_options(CLI::App& cmd, PresetOptions& o, bool with_preset) {
  if (with_preset)
    cmd.add_option("--preset", o.preset,
                   "A real system's preset (discolab presets), or several joined by '+': its "
                   "keys are applied onto the scenario before --set and its pattern is run")
        ->type_name("NAME");
  cmd.add_option("--presets", o.presets_dir,
                 std::string("Folder of the presets (default: $") + kPresetsEnv +
                     ", else scenarios/presets here or above the program)")
      ->type_name("DIR");
}

std::filesystem::path presets_dir(const std::string& preferred) {
  return find_presets_dir(preferred, self_executable());
}

std::vector<std::string> runnable_pattern_names() {
  std::vector<std::string> out;
  for (std::string_view p : runnable_patterns()) out.emplace_back(p);
  return out;
}

std::optional<PresetStack> chosen_presets(const PresetOptions& o) {
  if (o.preset.empty()) return std::nullopt;
  return resolve_presets(presets_dir(o.presets_dir), o.preset, runnable_pattern_names());
}

std::vector<std::string> with_preset_sets(const std::optional<PresetStack>& stack,
                                          const std::vector<std::string>& sets) {
  std::vector<std::string> out = stack ? stack->sets : std::vector<std::string>{};
  out.insert(out.end(), sets.begin(), sets.end());
  return out;
}

CLI::App* add_presets_command(CLI::App& app, PresetOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "presets", "List the presets of real systems: name, pattern, description, [source]");
  add_preset_options(*cmd, o, false);
  return cmd;
}

int run_presets_command(const PresetOptions& o) {
  const std::filesystem::path dir = presets_dir(o.presets_dir);
  if (dir.empty())
    throw std::invalid_argument(std::string("no presets folder: give --presets DIR or set ") +
                                kPresetsEnv);
  const std::vector<Preset> presets = load_presets(dir);
  std::cout << presets_listing(presets);
  std::cerr << presets.size() << " presets in " << dir.string() << "\n";
  return kExitOk;
}

}  // namespace discolab
