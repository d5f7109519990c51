// Runs child processes a few at a time and hands their standard output back line by line.
//
// `compare` (and later `batch` and the GUI's back end) run `discolab run --progress jsonl`
// as children: one simulation per process, since a SimGrid engine lives once per process.
// The pool starts at most `parallel` children at once, in the order the jobs were given,
// reads every child's stdout as lines and keeps the tail of its stderr; it calls back on the
// thread that called run(), never concurrently.
//
// A child gets SIGTERM when the parent dies (PR_SET_PDEATHSIG), so none outlives a parent
// killed with kill -9.
//
// Interruption: stop() (e.g. from a SIGINT/SIGTERM flag checked in the idle callback) sends
// SIGTERM to every running child, starts no more, and run() returns once they have exited.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace discolab::compare {

struct ChildJob {
  std::vector<std::string> argv;  // argv[0] is the program's path
};

struct ChildExit {
  int exit_code = -1;       // the child's exit status; -1 when killed by a signal
  int signal = 0;           // the signal that killed it, or 0
  std::string stderr_tail;  // the last few kB of its stderr
  bool started = true;      // false: it could not be started (then stderr_tail says why)
};

struct ChildCallbacks {
  std::function<void(std::size_t job, const std::string& line)> on_line;
  std::function<void(std::size_t job, const ChildExit& exit)> on_exit;
  // Called at least every `idle_ms` while children run (for progress bars and interrupt flags).
  std::function<void()> on_idle;
};

class ChildPool {
 public:
  explicit ChildPool(std::size_t parallel, int idle_ms = 200);

  // Runs every job to completion (or until stop()); returns when no child is left.
  void run(const std::vector<ChildJob>& jobs, const ChildCallbacks& callbacks);
  // Asks every running child to terminate (SIGTERM) and starts no further job.
  void stop();
  bool stopped() const { return stopped_; }

 private:
  std::size_t parallel_;
  int idle_ms_;
  bool stopped_ = false;
  std::vector<pid_t> running_;
};

}  // namespace discolab::compare
