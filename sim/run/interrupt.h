// Stopping a run cleanly on SIGINT (Ctrl-C) and SIGTERM.
//
// The handler only records the signal; the run checks at its safe points (between setup steps
// and at the end of every metrics interval) and throws Interrupted, so the results folder's
// staging copy is removed on the way out and the command line exits 128 + the signal (130,
// 143). A second signal while the first is being honoured ends the process at once; the
// staging folder it leaves is removed by the next run into the same folder (results_folder.h).
//
// SimGrid installs its own SIGINT handler when its engine is created (it exits 1 without a
// word, as our log threshold hides its message), so the run calls rearm() after creating the
// engine.
#pragma once

#include <csignal>
#include <filesystem>
#include <stdexcept>

namespace discolab {

class Interrupted : public std::runtime_error {
 public:
  // `partial`: the staging folder removed on the way out (empty when none existed yet).
  Interrupted(int signal, std::filesystem::path partial);
  int signal() const { return signal_; }
  int exit_code() const { return 128 + signal_; }
  const std::filesystem::path& partial() const { return partial_; }

 private:
  int signal_;
  std::filesystem::path partial_;
};

// Installs the SIGINT and SIGTERM handlers for its lifetime; the previous ones come back when
// it is destroyed. One at a time per process.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // Installs the handlers again (after a library replaced them).
  void rearm();
  // 0, or the first signal received.
  static int pending();
  // Throws Interrupted when a signal was received; `partial` is the staging folder that the
  // unwinding will remove.
  static void check(const std::filesystem::path& partial = {});

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace discolab
