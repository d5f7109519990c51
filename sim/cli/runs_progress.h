// Progress of child runs on stderr, for `compare` and `batch`: a bar redrawn in place on a
// terminal, or a plain line now and then for logs (a batch job's output file).
#pragma once

#include <chrono>
#include <string>

#include "sim/compare/child_report.h"

namespace discolab {

// "[######........] 40%  runs 8/20 done, 2 running, 1 failed  12 s, ETA 18 s", redrawn with \r;
// `final` ends the line.
void draw_runs_bar(const compare::RunsProgress& p, bool final);

// "runs 8/20 done, 2 running, 1 failed, 12 s elapsed, ETA 18 s"
std::string runs_progress_line(const compare::RunsProgress& p);

// Progress of a batch of runs on stderr: the bar redrawn at every report (`bar`), or a plain
// "<label>: runs …" line when the count of finished runs changed and 10 s have passed since
// the last one (`lines`; a batch job's log stays short).
class RunsProgressPrinter {
 public:
  RunsProgressPrinter(std::string label, bool bar, bool lines);
  void operator()(const compare::RunsProgress& p);
  // Ends the bar's line (when a bar is drawn and something was reported).
  void finish();

 private:
  std::string label_;
  bool bar_, lines_;
  compare::RunsProgress last_;
  std::chrono::steady_clock::time_point last_line_;
};

// The discolab executable this process runs (/proc/self/exe), for starting children.
std::string self_executable();

}  // namespace discolab
