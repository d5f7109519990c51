// The service call graph must be a DAG: a cycle would make one request call itself without
// end. Checked with Boost.Graph (a depth-first search finds a back edge); the error names the
// cycle's services and sits on the call that closes it, so it carries that call's file line.
#pragma once

#include "sim/scenario/issue_log.h"
#include "sim/scenario/scenario.h"

namespace discolab {

// Reports, at services[i].calls[j]…: unknown callees, a probability above 1, a service calling
// itself, and one cycle of the graph when there is one.
void check_call_graph(const Scenario& scenario, IssueLog& log);

}  // namespace discolab
