#include "sim/scenario/overrides.h"

#include <algorithm>
#include <optional>

#include "sim/scenario/suggest.h"

namespace discolab {
namespace {

using schema::Key;
using schema::KeyKind;
using schema::Section;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

bool is_index(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One --set: walks the schema and the tree together, creating missing mappings on the way.
class Override {
 public:
  Override(std::string as_given, IssueLog& log) : as_given_(std::move(as_given)), log_(log) {}

  void apply(YAML::Node root, const std::vector<std::string>& parts, const YAML::Node& value,
             const Section& root_section) {
    YAML::Node node = root;
    const Section* section = &root_section;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Key* key = section->find(parts[i]);
      if (key == nullptr) return fail(unknown_key_message(parts[i], *section));
      path_ = join_key_path(path_, key->name);
      if (i + 1 == parts.size()) return set(node[key->name], value);
      if (key->kind == KeyKind::scalar) return fail("a single value; nothing is below it");

      YAML::Node child = node[key->name];
      if (key->kind == KeyKind::section) {
        if (!child.IsDefined() || child.IsNull()) child = YAML::Node(YAML::NodeType::Map);
        if (!child.IsMap()) return fail("the file's value here is not a mapping");
        node.reset(child);
        section = key->section.get();
        continue;
      }
      // A list: the next part picks an item.
      if (!child.IsSequence()) return fail("the file has no items here");
      const std::string& pick = parts[++i];
      const std::string name_key = key->section ? key->section->name_key : std::string();
      auto index = find_item(child, pick, name_key);
      if (!index) return fail(item_not_found(child, pick, name_key));
      path_ += "[" + std::to_string(*index) + "]";
      if (i + 1 == parts.size()) return set(child[*index], value);
      if (key->kind == KeyKind::scalar_list) return fail("a single value; nothing is below it");
      YAML::Node item = child[*index];
      if (!item.IsMap()) return fail("the file's item here is not a mapping");
      node.reset(item);
      section = key->section.get();
    }
  }

 private:
  void set(YAML::Node target, const YAML::Node& value) {
    target = value;
    log_.mark_overridden(path_, as_given_);
  }

  void fail(std::string message) { log_.add({"--set " + as_given_, path_, std::move(message)}); }

  // The item's name, if it is a mapping with a scalar `name_key`. Checked with IsDefined first:
  // a missing key of a const node is invalid, and asking its type throws yaml-cpp's "invalid
  // node" (found by fuzz/scenario_fuzzer.cpp).
  static std::optional<std::string> item_name(const YAML::Node& item, const std::string& name_key) {
    if (!item.IsMap()) return std::nullopt;
    const YAML::Node name = item[name_key];
    if (!name.IsDefined() || !name.IsScalar()) return std::nullopt;
    return name.Scalar();
  }

  static std::optional<std::size_t> find_item(const YAML::Node& list, const std::string& pick,
                                              const std::string& name_key) {
    if (!name_key.empty())
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (item_name(list[i], name_key) == pick) return i;
      }
    if (is_index(pick) && pick.size() < 10 && std::stoul(pick) < list.size())
      return std::stoul(pick);
    return std::nullopt;
  }

  static std::string item_not_found(const YAML::Node& list, const std::string& pick,
                                    const std::string& name_key) {
    const std::string range = list.size() == 0
                                  ? std::string("there are no items")
                                  : "indexes run from 0 to " + std::to_string(list.size() - 1);
    if (name_key.empty() || is_index(pick))
      return "no item " + pick + " (" + range + (name_key.empty() ? "" : ", or use a name") + ")";
    std::vector<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (auto name = item_name(list[i], name_key)) names.push_back(*name);
    }
    return not_one_of(pick, "an item index or one of the names", names);
  }

  std::string as_given_;
  IssueLog& log_;
  std::string path_;
};

}  // namespace

std::string join_key_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string unknown_key_message(const std::string& name, const Section& section) {
  const auto names = section.key_names();
  std::string message = "unknown key \"" + name + "\"";
  for (const auto& [old_name, new_path] : section.moved)
    if (old_name == name) return message + "; it moved: did you mean \"" + new_path + "\"?";
  if (auto suggestion = closest_match(name, names))
    return message + "; did you mean \"" + *suggestion + "\"?";
  return message + "; valid keys here: " + join(names);
}

void apply_overrides(YAML::Node& root, const std::vector<std::string>& set_overrides,
                     const Section& root_section, IssueLog& log) {
  for (const std::string& set : set_overrides) {
    const std::size_t eq = set.find('=');
    const std::string path = set.substr(0, eq);
    if (eq == std::string::npos || eq == 0) {
      log.add({"--set " + set, "", "expected key.path=value"});
      continue;
    }
    const auto parts = split_path(path);
    if (std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty(); })) {
      log.add({"--set " + path, "", "empty part in the key path"});
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(set.substr(eq + 1));
    } catch (const YAML::ParserException& e) {
      log.add({"--set " + path, "", "the value is not valid YAML: " + e.msg});
      continue;
    }
    if (!root.IsMap()) {
      log.add({"--set " + path, "", "the file's top level is not a mapping"});
      continue;
    }
    Override(path, log).apply(root, parts, value, root_section);
  }
}

}  // namespace discolab
