#include "sim/scenario/resolved_writer.h"

#include <yaml-cpp/yaml.h>

#include "sim/scenario/schema_tree.h"

namespace discolab {
namespace {

using schema::Key;
using schema::KeyKind;
using schema::Section;

void emit_section(YAML::Emitter& out, const Section& section, const void* object) {
  out << YAML::BeginMap;
  for (const Key& key : section.keys) {
    switch (key.kind) {
      case KeyKind::scalar: {
        const auto texts = key.format(object);
        if (!texts.empty()) out << YAML::Key << key.name << YAML::Value << texts.front();
        break;
      }
      case KeyKind::scalar_list:
        out << YAML::Key << key.name << YAML::Value << YAML::Flow << key.format(object);
        break;
      case KeyKind::section:
        out << YAML::Key << key.name << YAML::Value;
        emit_section(out, *key.section, key.child_of(object));
        break;
      case KeyKind::list: {
        const auto items = key.items(object);
        out << YAML::Key << key.name << YAML::Value;
        if (items.empty()) out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const void* item : items) emit_section(out, *key.section, item);
        out << YAML::EndSeq;
        break;
      }
    }
  }
  out << YAML::EndMap;
}

}  // namespace

RunStamp RunStamp::of(const Scenario& scenario, std::string version) {
  return {scenario.seed, scenario.engine, scenario.pattern, std::move(version), {}};
}

std::string to_resolved_yaml(const Scenario& scenario, const RunStamp& stamp) {
  Scenario resolved = scenario;
  resolved.seed = stamp.seed;
  resolved.engine = stamp.engine;
  resolved.pattern = stamp.pattern;

  YAML::Emitter out;
  out.SetIndent(2);
  emit_section(out, schema::scenario_root_section(), &resolved);
  std::string overrides;
  for (const std::string& o : stamp.overrides) {
    std::string one_line = o;
    for (char& c : one_line)
      if (c == '\n' || c == '\r') c = ' ';
    overrides += "#   --set " + one_line + "\n";
  }
  if (!overrides.empty())
    overrides = "# Loaded with these overrides (already in the keys):\n" + overrides;
  return "# discolab scenario, resolved: every key with the value a run used (docs/scenario.md).\n"
         "# Written by discolab " +
         (stamp.version.empty() ? std::string("(version unknown)") : stamp.version) +
         "; seed, engine and pattern are the run's.\n" + overrides + out.c_str() + "\n";
}

}  // namespace discolab
