// Flattens the schema tree into one entry per key path, with defaults taken from
// default-constructed scenario structs (so the docs show what the code really defaults to).
#include "sim/scenario/schema.h"
#include "sim/scenario/schema_tree.h"
#include "sim/scenario/suggest.h"

namespace discolab {
namespace {

using schema::Key;
using schema::KeyKind;
using schema::Section;

std::string default_of(const Key& key, const void* object) {
  if (key.required) return "required";
  if (!key.default_note.empty()) return key.default_note;
  switch (key.kind) {
    case KeyKind::scalar: {
      const auto texts = key.format(object);
      if (texts.empty()) return "absent";
      return texts.front().empty() ? "\"\"" : texts.front();
    }
    case KeyKind::scalar_list:
      return "[" + join(key.format(object)) + "]";
    case KeyKind::list:
      return "[]";
    case KeyKind::section:
      return "";
  }
  return "";
}

std::string type_of(const Key& key) {
  switch (key.kind) {
    case KeyKind::scalar:
      return key.type_name;
    case KeyKind::scalar_list:
      return "list of " + key.type_name;
    case KeyKind::section:
      return "mapping";
    case KeyKind::list:
      return "list";
  }
  return "";
}

void flatten(const Section& section, const void* object, const std::string& prefix,
             std::vector<SchemaEntry>& entries) {
  for (const Key& key : section.keys) {
    const std::string path = prefix + key.name;
    entries.push_back({path, type_of(key), default_of(key, object), key.bounds, key.choices,
                       key.help, key.required});
    if (key.kind == KeyKind::section)
      flatten(*key.section, key.child_of(object), path + ".", entries);
    else if (key.kind == KeyKind::list)
      flatten(*key.section, key.section->prototype.get(), path + "[].", entries);
  }
}

}  // namespace

const std::vector<SchemaEntry>& scenario_schema() {
  static const std::vector<SchemaEntry> entries = [] {
    std::vector<SchemaEntry> list;
    const Section& root = schema::scenario_root_section();
    flatten(root, root.prototype.get(), "", list);
    return list;
  }();
  return entries;
}

}  // namespace discolab
