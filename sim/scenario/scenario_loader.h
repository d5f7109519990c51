// Loading a scenario file: YAML read with yaml-cpp, --set overrides applied to the tree, every
// key checked against the schema (schema_tree.h), defaults filled in, units converted, and
// cross-references checked (client targets, rolling updates, crash lists, host names).
//
// Everything wrong is reported at once: ScenarioError's what() has one line per problem,
// each naming file:line:column (or the --set that wrote the value), the key path and what is
// allowed. Unknown keys come with a "did you mean".
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_error.h"

namespace discolab {

// `set_overrides` are "key.path=value" as given to --set, applied in order before validation:
// "services.web.replicas=8", "services.0.replicas=8", "churn.crashes.rate_per_instance=6/h".
// Relative platform.file paths are resolved against the file's folder. Throws ScenarioError.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& set_overrides = {});

// The same for YAML text in memory; `source` names it in messages, and its folder (or the
// working directory) is where a relative platform.file is looked for.
Scenario parse_scenario(const std::string& yaml_text, const std::string& source,
                        const std::vector<std::string>& set_overrides = {});

}  // namespace discolab
