// Presets of real systems (scenarios/presets/<name>.yaml): a YAML fragment over a scenario's
// `patterns.<section>` keys carrying the real system's defaults, with its sources.
//
//   preset:
//     pattern: client-side            # the pattern it configures
//     description: Eureka 1.x + Ribbon, as shipped
//     source: github:Netflix/eureka@61acc83d, github:Netflix/ribbon@2a55b5da
//   patterns:
//     client_side:                    # only the section of that pattern
//       registry: {eviction_interval: 60s}   # each value cited in a comment
//
// Applied onto a scenario, a preset sets the keys it lists (as --set overrides applied before
// the user's own --set) and runs its pattern; every other key stays the scenario's. Presets
// can be stacked with '+' ("coredns-kube-dns+resolver-jvm"): applied left to right, all of one
// pattern.
//
// Where presets are found (find_presets_dir): --presets DIR, else $DISCOLAB_PRESETS, else
// scenarios/presets in the working directory, else scenarios/presets in the program's folder
// or one of the three above it (a build folder inside the source tree).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace discolab {

struct Preset {
  std::string name;         // the file's name without .yaml
  std::string pattern;      // "client-side"
  std::string description;  // one line
  std::string source;       // where the values come from, one line
  std::filesystem::path file;
  std::vector<std::string> sets;  // "patterns.client_side.registry.eviction_interval=60s", …
};

// A preset name or a '+'-stack of them, resolved.
struct PresetStack {
  std::string label;    // as given: "coredns-kube-dns+resolver-jvm"
  std::string pattern;  // the presets' pattern
  std::vector<Preset> presets;
  std::vector<std::string> sets;  // every preset's, in order
};

inline constexpr const char* kPresetsEnv = "DISCOLAB_PRESETS";

// The presets folder (see above); `preferred` is --presets ("" when not given), `program` the
// running executable. Throws std::invalid_argument when `preferred` or $DISCOLAB_PRESETS names
// no folder; returns "" when no default folder exists.
std::filesystem::path find_presets_dir(const std::string& preferred,
                                       const std::filesystem::path& program);

// Reads and checks one preset file: its `preset` fields, one section of its pattern, and every
// key and value as the scenario loader checks them. Throws ScenarioError naming file:line:col.
Preset load_preset(const std::filesystem::path& file);

// Every preset of `dir` (*.yaml), sorted by name; none for "" or a folder without presets.
std::vector<Preset> load_presets(const std::filesystem::path& dir);

// Whether `name` could only be a preset stack (it holds a '+').
bool is_preset_stack(const std::string& name);

// Resolves "a" or "a+b" against `dir`. Throws std::invalid_argument for an unknown name (listing
// the known presets and `patterns`) or presets of different patterns.
PresetStack resolve_presets(const std::filesystem::path& dir, const std::string& spec,
                            const std::vector<std::string>& patterns);

// One line per preset: name, pattern, description, source (columns aligned).
std::string presets_listing(const std::vector<Preset>& presets);

}  // namespace discolab
