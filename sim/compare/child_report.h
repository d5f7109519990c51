// What one `discolab run --progress jsonl` child said (the child protocol, sim/run/progress.h),
// read line by line, and how it ended: shared by `compare`, `batch` and `validate-theory`'s
// runner. Also the progress of a set of such children, for bars and ETAs.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/compare/child_pool.h"

namespace discolab::compare {

struct ChildReport {
  bool said_done = false;  // a "done" line with a summary arrived
  double fraction = 0.0;   // from its "progress" lines
  std::string error;       // its "error" line's message, or after finish() why it failed
  nlohmann::json summary;  // the "done" line's summary
  double wall_s = 0.0;     // the summary's perf.wall_s
  bool refused = false;    // its stream is another protocol version: nothing more is read
  // Set by finish():
  bool ok = false;    // said done and exited 0
  int exit_code = 0;  // 128 + signal when killed

  // Reads one stdout line; returns its "type" ("start", "progress", "done" …) or "" when it is
  // not a protocol line. A line of another protocol version (sim/run/progress.h) is an error
  // and ends the reading: the run fails with that error.
  std::string read_line(const std::string& line);
  // The child exited. A run that said "done" but did not exit cleanly does not count either;
  // a failure without an error line takes the last line of stderr, else the exit code.
  void finish(const ChildExit& exit);
};

// Progress of a set of child runs.
struct RunsProgress {
  std::size_t total = 0, done = 0, failed = 0, running = 0;
  double fraction = 0.0;  // over all runs, from their progress lines
  double wall_s = 0.0;
  // Seconds left, from the fraction done so far (0 before anything is known).
  double eta_s() const { return fraction > 0 ? wall_s * (1 - fraction) / fraction : 0.0; }
};

}  // namespace discolab::compare
