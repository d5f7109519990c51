// The short table `discolab run` prints: what a person reads first after a run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace discolab {

// A few aligned lines from a summary.json document; undefined figures (null) print as "–".
// The merged figures come first, then one line per client group (by_client): the user-facing
// group (user_facing_client) first, then the others by name.
std::string summary_table(const nlohmann::json& summary, const std::string& folder);

}  // namespace discolab
