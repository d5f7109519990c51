// Rules that span several keys, checked after every key has been read on its own: names
// unique and referenced names existing, hosts existing in the platform, metrics windows
// inside the run, the platform file present when the topology needs it.
#pragma once

#include "sim/scenario/issue_log.h"
#include "sim/scenario/scenario.h"

namespace discolab {

// Reports each broken rule to `log` by key path (the log knows where the path was written).
void check_scenario(const Scenario& scenario, IssueLog& log);

}  // namespace discolab
