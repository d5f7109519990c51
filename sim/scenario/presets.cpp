#include "sim/scenario/presets.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/enum_names.h"
#include "sim/scenario/scenario_error.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/scenario/suggest.h"

namespace discolab {
namespace {

namespace fs = std::filesystem;

std::string place(const fs::path& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return file.string();
  return file.string() + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

// Reads one preset file's YAML, collecting every problem.
class PresetReader {
 public:
  explicit PresetReader(fs::path file) : file_(std::move(file)) {}

  Preset read(const YAML::Node& root) {
    Preset p;
    p.file = file_;
    p.name = file_.stem().string();
    if (!root.IsMap()) {
      fail(root, "", "expected a mapping with `preset` and `patterns`");
      return p;
    }
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      if (key != "preset" && key != "patterns")
        fail(entry.first, key, "unknown key; a preset holds only `preset` and `patterns`");
    }
    read_fields(root["preset"], p);
    read_patterns(root["patterns"], p);
    if (!issues_.empty()) throw ScenarioError(issues_);
    return p;
  }

  // Where each set came from, for the checks made by the scenario loader.
  const std::map<std::string, std::string>& places() const { return places_; }

 private:
  void fail(const YAML::Node& node, std::string path, std::string message) {
    issues_.push_back({place(file_, node), std::move(path), std::move(message)});
  }

  std::string text_field(const YAML::Node& fields, const char* name) {
    const YAML::Node value = fields[name];
    if (!value.IsDefined() || value.IsNull() || !value.IsScalar() || value.Scalar().empty()) {
      fail(fields, std::string("preset.") + name, "missing; give one line of text");
      return {};
    }
    if (value.Scalar().find('\n') != std::string::npos)
      fail(value, std::string("preset.") + name, "one line of text, got several");
    return value.Scalar();
  }

  void read_fields(const YAML::Node& fields, Preset& p) {
    if (!fields.IsDefined() || !fields.IsMap()) {
      fail(fields.IsDefined() ? fields : YAML::Node(), "preset",
           "missing: a mapping of pattern, description, source");
      return;
    }
    for (const auto& entry : fields) {
      const std::string key = entry.first.Scalar();
      if (key != "pattern" && key != "description" && key != "source")
        fail(entry.first, "preset." + key,
             "unknown key; valid keys here: pattern, description, source");
    }
    p.pattern = text_field(fields, "pattern");
    p.description = text_field(fields, "description");
    p.source = text_field(fields, "source");
    const std::vector<std::string> patterns(kPatternNames.begin(), kPatternNames.end());
    if (!p.pattern.empty() &&
        std::find(patterns.begin(), patterns.end(), p.pattern) == patterns.end())
      fail(fields["pattern"], "preset.pattern", not_one_of(p.pattern, "one of", patterns));
  }

  void read_patterns(const YAML::Node& node, Preset& p) {
    if (!node.IsDefined() || !node.IsMap() || node.size() == 0) {
      fail(node.IsDefined() ? node : YAML::Node(), "patterns",
           "missing: a mapping holding the section of the preset's pattern");
      return;
    }
    std::string section = p.pattern;
    std::replace(section.begin(), section.end(), '-', '_');
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (!p.pattern.empty() && key != section) {
        fail(entry.first, "patterns." + key,
             "a preset of " + p.pattern + " sets only patterns." + section);
        continue;
      }
      flatten(entry.second, "patterns." + key, p.sets);
    }
  }

  // Every scalar below `node` as "path=value"; the loader checks them all.
  void flatten(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
    if (node.IsMap()) {
      for (const auto& entry : node) flatten(entry.second, path + "." + entry.first.Scalar(), out);
      return;
    }
    if (!node.IsScalar()) {
      fail(node, path, "expected a value or a mapping (presets hold no lists)");
      return;
    }
    out.push_back(path + "=" + node.Scalar());
    places_["--set " + path] = place(file_, node);
  }

  fs::path file_;
  std::vector<ScenarioIssue> issues_;
  std::map<std::string, std::string> places_;
};

}  // namespace

fs::path find_presets_dir(const std::string& preferred, const fs::path& program) {
  std::error_code ec;
  if (!preferred.empty()) {
    if (!fs::is_directory(preferred, ec))
      throw std::invalid_argument("--presets: no folder named " + preferred);
    return fs::absolute(preferred);
  }
  if (const char* env = std::getenv(kPresetsEnv); env != nullptr && *env != '\0') {
    if (!fs::is_directory(env, ec))
      throw std::invalid_argument(std::string(kPresetsEnv) + ": no folder named " + env);
    return fs::absolute(env);
  }
  std::vector<fs::path> candidates{fs::current_path() / "scenarios" / "presets"};
  fs::path up = program.parent_path();
  for (int i = 0; i < 4 && !up.empty(); ++i, up = up.parent_path()) {
    candidates.push_back(up / "scenarios" / "presets");
    if (up == up.parent_path()) break;
  }
  for (const fs::path& c : candidates)
    if (fs::is_directory(c, ec)) return fs::absolute(c).lexically_normal();
  return {};
}

Preset load_preset(const fs::path& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    throw ScenarioError({{file.string(), "", "cannot read the preset file"}});
  } catch (const YAML::ParserException& e) {
    throw ScenarioError({{file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                              std::to_string(e.mark.column + 1),
                          "", "YAML syntax error: " + e.msg}});
  }
  PresetReader reader(file);
  Preset preset = reader.read(root);
  // Every key and value, checked by the scenario loader on a scenario of one service; its
  // problems are placed back at the preset's lines.
  try {
    parse_scenario("pattern: " + preset.pattern + "\nservices:\n  - name: preset-check\n",
                   file.string(), preset.sets);
  } catch (const ScenarioError& e) {
    std::vector<ScenarioIssue> issues = e.issues();
    for (ScenarioIssue& issue : issues)
      if (auto it = reader.places().find(issue.where); it != reader.places().end())
        issue.where = it->second;
    throw ScenarioError(std::move(issues));
  }
  return preset;
}

std::vector<Preset> load_presets(const fs::path& dir) {
  std::vector<Preset> out;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) out.push_back(load_preset(f));
  return out;
}

bool is_preset_stack(const std::string& name) { return name.find('+') != std::string::npos; }

PresetStack resolve_presets(const fs::path& dir, const std::string& spec,
                            const std::vector<std::string>& patterns) {
  PresetStack stack;
  stack.label = spec;
  std::vector<std::string> known;
  for (const Preset& p : load_presets(dir)) known.push_back(p.name);
  std::stringstream in(spec);
  for (std::string name; std::getline(in, name, '+');) {
    const fs::path file = dir / (name + ".yaml");
    std::error_code ec;
    if (name.empty() || dir.empty() || !fs::is_regular_file(file, ec)) {
      const std::string presets =
          !known.empty()
              ? join(known)
              : "none found in " + (dir.empty() ? std::string("scenarios/presets") : dir.string());
      std::string message = "\"" + name + "\" is neither a pattern (" + join(patterns) +
                            ") nor a preset (" + presets + ")";
      std::vector<std::string> names = patterns;
      names.insert(names.end(), known.begin(), known.end());
      if (auto guess = closest_match(name, names)) message += "; did you mean \"" + *guess + "\"?";
      throw std::invalid_argument(message);
    }
    Preset p = load_preset(file);
    if (!stack.pattern.empty() && p.pattern != stack.pattern)
      throw std::invalid_argument(spec + ": preset " + p.name + " configures " + p.pattern + ", " +
                                  stack.presets.front().name + " " + stack.pattern +
                                  "; stacked presets configure one pattern");
    stack.pattern = p.pattern;
    stack.sets.insert(stack.sets.end(), p.sets.begin(), p.sets.end());
    stack.presets.push_back(std::move(p));
  }
  return stack;
}

std::string presets_listing(const std::vector<Preset>& presets) {
  std::size_t name_w = 4, pattern_w = 7;
  for (const Preset& p : presets) {
    name_w = std::max(name_w, p.name.size());
    pattern_w = std::max(pattern_w, p.pattern.size());
  }
  std::ostringstream out;
  for (const Preset& p : presets) {
    out << p.name << std::string(name_w - p.name.size() + 2, ' ') << p.pattern
        << std::string(pattern_w - p.pattern.size() + 2, ' ') << p.description << " [" << p.source
        << "]\n";
  }
  return out.str();
}

}  // namespace discolab
