// Progress of child runs on stderr, for `compare` and `batch`: a bar redrawn in place on a
// terminal, or a plain line now and then for logs (a batch job's output file).
#pragma once

#include <string>

#include "sim/compare/child_report.h"

namespace discolab {

// "[######........] 40%  runs 8/20 done, 2 running, 1 failed  12 s, ETA 18 s", redrawn with \r;
// `final` ends the line.
void draw_runs_bar(const compare::RunsProgress& p, bool final);

// "runs 8/20 done, 2 running, 1 failed, 12 s elapsed, ETA 18 s"
std::string runs_progress_line(const compare::RunsProgress& p);

// The discolab executable this process runs (/proc/self/exe), for starting children.
std::string self_executable();

}  // namespace discolab
