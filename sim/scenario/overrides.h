// --set key.path=value: overrides applied to the YAML tree before it is validated, so an
// overridden value is checked exactly like one written in the file.
//
// Paths use dots; list items are picked by index or, for services and clients, by name:
// services.web.replicas, services.0.replicas, patterns.client_side.fetch_interval. Values are
// read as YAML ("8", "6/h", "[web, db]"). Intermediate mappings missing from the file are
// created; list items are not.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "sim/scenario/issue_log.h"
#include "sim/scenario/schema_tree.h"

namespace discolab {

// Problems (bad syntax, unknown keys with a did-you-mean, missing items) go to `log`, naming
// "--set <path>"; the log also learns which key paths were overridden, so later errors about
// those values name the --set instead of a line of the file. `root` must be a mapping.
void apply_overrides(YAML::Node& root, const std::vector<std::string>& set_overrides,
                     const schema::Section& root_section, IssueLog& log);

// `unknown key "servces"; did you mean "services"?`, or the list of valid keys when nothing
// is close. Shared by the loader and the overrides.
std::string unknown_key_message(const std::string& name, const schema::Section& section);

// "services" + "replicas" → "services.replicas"; "" + "name" → "name".
std::string join_key_path(const std::string& parent, const std::string& key);

}  // namespace discolab
