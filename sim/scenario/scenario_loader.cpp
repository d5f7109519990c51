#include "sim/scenario/scenario_loader.h"

#include <yaml-cpp/yaml.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "sim/scenario/issue_log.h"
#include "sim/scenario/overrides.h"
#include "sim/scenario/scenario_checks.h"
#include "sim/scenario/schema_tree.h"
#include "sim/scenario/suggest.h"
#include "sim/scenario/yaml_documents.h"

namespace discolab {
namespace {

using schema::Key;
using schema::KeyKind;
using schema::Section;

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "\"" + node.Scalar() + "\"";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

// A null value's mark points at the next token, so problems with it are placed at its key.
const YAML::Node& place_of(const YAML::Node& key_node, const YAML::Node& value) {
  return value.IsNull() ? key_node : value;
}

// Reads a YAML tree into the scenario structs, key by key, as the schema describes them.
class Reader {
 public:
  explicit Reader(IssueLog& log) : log_(log) {}

  void read_section(const YAML::Node& node, const Section& section, void* object,
                    const std::string& path) {
    log_.remember(path, node);
    if (!node.IsNull() && !node.IsMap()) {
      log_.at(node, path,
              "expected a mapping of " + join(section.key_names()) + ", got " + describe(node));
      return;
    }
    std::map<std::string, YAML::Mark> seen;
    if (node.IsMap()) {
      for (const auto& entry : node) {
        const YAML::Node& key_node = entry.first;
        if (!key_node.IsScalar()) {
          log_.at(key_node, path, "expected a key name, got " + describe(key_node));
          continue;
        }
        const std::string& name = key_node.Scalar();
        auto [first, inserted] = seen.emplace(name, key_node.Mark());
        if (!inserted) {
          log_.at(key_node, path,
                  "duplicate key \"" + name + "\" (first at line " +
                      std::to_string(first->second.line + 1) + ")");
          continue;
        }
        const Key* key = section.find(name);
        if (key == nullptr) {
          log_.at(key_node, path, unknown_key_message(name, section));
          continue;
        }
        read_key(key_node, entry.second, *key, object, join_key_path(path, name));
      }
    }
    for (const Key& key : section.keys)
      if (key.required && !seen.contains(key.name))
        log_.at(node, path, "missing required key \"" + key.name + "\"");
  }

 private:
  void read_key(const YAML::Node& key_node, const YAML::Node& value, const Key& key, void* object,
                const std::string& path) {
    const YAML::Node& place = place_of(key_node, value);
    log_.remember(path, place);
    switch (key.kind) {
      case KeyKind::scalar:
        if (value.IsNull() && key.optional) return;  // stays absent
        if (!value.IsNull() && !value.IsScalar())
          return log_.at(place, path, scalar_error(key, value));
        if (!key.parse_into(object, value.IsNull() ? std::string() : value.Scalar()))
          log_.at(place, path, scalar_error(key, value));
        return;
      case KeyKind::section:
        return read_section(value, *key.section, key.child(object), path);
      case KeyKind::scalar_list:
      case KeyKind::list:
        return read_list(place, value, key, object, path);
    }
  }

  void read_list(const YAML::Node& place, const YAML::Node& value, const Key& key, void* object,
                 const std::string& path) {
    key.clear(object);
    if (!value.IsNull() && !value.IsSequence())
      return log_.at(place, path, "expected a list, got " + describe(value));
    if (key.required && value.size() == 0)
      return log_.at(place, path, "expected at least one item, got none");
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      if (key.kind == KeyKind::list) {
        read_section(item, *key.section, key.append(object), item_path);
        continue;
      }
      log_.remember(item_path, item);
      if (!item.IsScalar() || !key.parse_into(object, item.Scalar()))
        log_.at(item, item_path, scalar_error(key, item));
    }
  }

  static std::string scalar_error(const Key& key, const YAML::Node& value) {
    if (!key.choices.empty() && value.IsScalar())
      return not_one_of(value.Scalar(), "one of", key.choices);
    return "expected " + key.expected + ", got " + describe(value);
  }

  IssueLog& log_;
};

// "line:column" of the first tab in a line's indentation, up to `last_line` (0-based).
std::optional<std::pair<int, int>> first_indenting_tab(const std::string& text, int last_line) {
  int line = 0;
  for (std::size_t start = 0; start <= text.size() && line <= last_line; ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    for (std::size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i)
      if (text[i] == '\t') return std::pair{line + 1, static_cast<int>(i - start) + 1};
    start = end + 1;
  }
  return std::nullopt;
}

YAML::Node parse_yaml(const std::string& text, IssueLog& log) {
  try {
    // Not YAML::LoadAll, which never returns on some malformed input (yaml_documents.h).
    const std::size_t documents = count_yaml_documents(text);
    if (documents > 1)
      log.add({log.source(), "",
               "holds " + std::to_string(documents) + " YAML documents; a scenario is one"});
    if (documents > 0) {
      YAML::Node first = YAML::Load(text);
      if (!first.IsNull()) return first;
    }
  } catch (const YAML::ParserException& e) {
    if (auto tab = first_indenting_tab(text, e.mark.line)) {
      log.add({log.source() + ":" + std::to_string(tab->first) + ":" + std::to_string(tab->second),
               "",
               "a tab in the indentation: YAML does not allow tabs for indentation; indent "
               "with spaces"});
    } else {
      log.add({log.source() + ":" + std::to_string(e.mark.line + 1) + ":" +
                   std::to_string(e.mark.column + 1),
               "", "YAML syntax error: " + e.msg});
    }
    log.throw_if_any();
  }
  return YAML::Node(YAML::NodeType::Map);  // an empty file: every key takes its default
}

// The platform file is named relative to the scenario, but runs happen elsewhere (and the
// resolved copy lives in a run folder), so it is made absolute once, here.
void resolve_platform_file(PlatformSpec& platform, const std::string& source) {
  if (platform.file.empty()) return;
  std::filesystem::path file(platform.file);
  if (file.is_relative()) {
    // "two-sites.yaml" has no folder: it is in the working directory.
    const std::filesystem::path folder = std::filesystem::path(source).parent_path();
    file = (folder.empty() ? std::filesystem::current_path() : std::filesystem::absolute(folder)) /
           file;
  }
  platform.file = file.lexically_normal().string();
}

// Where the text stops being UTF-8 text (a NUL byte or a bad UTF-8 sequence), if it does.
std::optional<std::size_t> first_non_text_byte(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return i;
    const std::size_t length = c < 0x80           ? 1
                               : (c >> 5) == 0x6  ? 2
                               : (c >> 4) == 0xE  ? 3
                               : (c >> 3) == 0x1E ? 4
                                                  : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return i;
    i += length;
  }
  return std::nullopt;
}

}  // namespace

Scenario parse_scenario(const std::string& yaml_text, const std::string& source,
                        const std::vector<std::string>& set_overrides) {
  IssueLog log(source);
  if (auto at = first_non_text_byte(yaml_text)) {
    throw ScenarioError({{source, "",
                          "not a text file (byte " + std::to_string(*at + 1) +
                              " is not UTF-8 text); a scenario is a YAML text file"}});
  }
  YAML::Node root = parse_yaml(yaml_text, log);
  const Section& root_section = schema::scenario_root_section();
  apply_overrides(root, set_overrides, root_section, log);

  Scenario scenario;
  Reader(log).read_section(root, root_section, &scenario, "");
  scenario.source_path = source;
  if (scenario.name.empty()) scenario.name = std::filesystem::path(source).stem().string();
  resolve_platform_file(scenario.platform, source);
  check_scenario(scenario, log);
  log.throw_if_any();
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& set_overrides) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw ScenarioError({{path, "", "no such file"}});
  if (!std::filesystem::is_regular_file(path, error))
    throw ScenarioError({{path, "", "not a regular file"}});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw ScenarioError({{path, "", std::string("cannot read: ") + std::strerror(errno)}});
  return parse_scenario(text.str(), path, set_overrides);
}

}  // namespace discolab
