#include "gui/models/yaml_edit.h"

#include <yaml-cpp/yaml.h>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace discolab::gui {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  return parts;
}

// The item of a list named `part` (its `name` key), or at index `part`; an invalid node if none.
YAML::Node list_item(const YAML::Node& list, const std::string& part) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const YAML::Node name = item.IsMap() ? item["name"] : YAML::Node();
    if (name.IsScalar() && name.Scalar() == part) return item;
  }
  std::size_t index = 0;
  try {
    index = std::stoul(part);
  } catch (const std::exception&) {
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return index < list.size() ? list[index] : YAML::Node(YAML::NodeType::Undefined);
}

// Where a scalar stands in the text: [begin, end), or begin == end when it cannot be told.
std::pair<std::size_t, std::size_t> scalar_span(const std::string& text, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size()) return {0, 0};
  const auto begin = static_cast<std::size_t>(mark.pos);
  const char quote = text[begin];
  if (quote == '"' || quote == '\'') {
    for (std::size_t i = begin + 1; i < text.size() && text[i] != '\n'; ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
          continue;
        }
        return {begin, i + 1};
      }
    }
    return {0, 0};
  }
  const std::string& scalar = node.Scalar();
  if (text.compare(begin, scalar.size(), scalar) != 0) return {0, 0};  // folded, multi-line …
  return {begin, begin + scalar.size()};
}

}  // namespace

std::string set_yaml_value(const std::string& text, const std::string& path,
                           const std::string& value) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument("the YAML text does not parse: " + e.msg);
  }
  if (root.IsNull()) root.reset(YAML::Node(YAML::NodeType::Map));
  const std::vector<std::string> parts = split_path(path);
  if (parts.empty()) throw std::invalid_argument("empty key path");

  // Walk without creating anything, to find the value where it is written. (Nodes are
  // moved along with reset(): yaml-cpp's operator= would overwrite the node it refers to.)
  YAML::Node node = root;
  std::size_t depth = 0;
  for (; depth < parts.size(); ++depth) {
    if (!node.IsMap() && !node.IsSequence()) break;
    const YAML::Node& const_node = node;
    const YAML::Node next = node.IsMap() ? const_node[parts[depth]] : list_item(node, parts[depth]);
    if (!next.IsDefined()) break;
    node.reset(next);
  }
  if (depth == parts.size() && node.IsScalar()) {
    const auto [begin, end] = scalar_span(text, node);
    if (end > begin) return text.substr(0, begin) + value + text.substr(end);
  }

  // Absent (or not found in the text): add it to the tree and emit the tree again.
  YAML::Node at = root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (at.IsSequence()) {
      YAML::Node item = list_item(at, parts[i]);
      if (!item.IsDefined())
        throw std::invalid_argument(path + ": no list item \"" + parts[i] + "\"");
      at.reset(item);
      continue;
    }
    if (!at.IsMap() && !at.IsNull())
      throw std::invalid_argument(path + ": \"" + parts[i] + "\" is inside a scalar");
    YAML::Node child = at[parts[i]];  // created when absent
    if (!child.IsMap()) {
      if (child.IsDefined() && !child.IsNull())
        throw std::invalid_argument(path + ": \"" + parts[i] + "\" holds a value, not keys");
      child = YAML::Node(YAML::NodeType::Map);
    }
    at.reset(child);
  }
  if (at.IsSequence()) throw std::invalid_argument(path + ": ends at a list");
  at[parts.back()] = value;
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace discolab::gui
