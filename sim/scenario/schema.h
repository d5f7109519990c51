// The scenario schema as data: one entry per key path ("services[].service_time.mean"), with
// its type, default, allowed values and help, in the order of the file. It is what
// docs/scenario.md is generated from (`discolab schema`), and what a GUI can build its forms
// from; the loader validates with the same table (schema_tree.h).
#pragma once

#include <string>
#include <vector>

namespace discolab {

struct SchemaEntry {
  std::string path;                  // "services[].replicas"; list items are written "[]"
  std::string type;                  // "whole number", "duration", "choice", "mapping", "list", …
  std::string default_text;          // as written in a file ("5ms"), "required", or a note
  std::string bounds;                // "≥ 0", "> 0s"; empty when any value of the type goes
  std::vector<std::string> choices;  // the names of a choice; empty otherwise
  std::string help;
  bool required = false;
};

const std::vector<SchemaEntry>& scenario_schema();

// docs/scenario.md: an introduction (units, --set, errors, an example) and a table of keys.
std::string scenario_schema_markdown();

}  // namespace discolab
