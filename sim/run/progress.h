// Progress of a run, for people and for programs.
//
// - bar: a one-line bar with simulated time, speed and ETA on stderr, redrawn at most 10 times
//   a wall-second, shown only once the run has lasted a wall-second (or at once when the run is
//   expected to be long) and only when stderr is a terminal; a "setting up …" line before the
//   heavy setup of a long run.
// - jsonl: one JSON object per line on stdout, flushed at once, so a parent process (the GUI,
//   the batch runner) can follow the run: {"type":"start"…} (before the setup, with the size and
//   estimated wall time), {"type":"interval"…} per metrics row (with its client groups' rows
//   under "by_client"), {"type":"churn"…} per disruption, {"type":"progress"…} (one at 0 s once
//   set up), then {"type":"done"…} or {"type":"error"…} (with "exit_code"). Every line carries
//   "protocol": kProgressProtocol. docs/progress-protocol.md is the reference.
// Notices (stale partial folders removed) go to stderr in every mode.
// - none: nothing.
#pragma once

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "patterns/core/time.h"
#include "sim/run/progress_protocol.h"

namespace discolab {

enum class ProgressMode { none, bar, jsonl };

class Progress {
 public:
  // The bar appears once the run has lasted `bar_after_s` wall-seconds (short runs stay quiet).
  Progress(ProgressMode mode, Duration sim_duration, std::FILE* bar_stream = stderr,
           std::FILE* jsonl_stream = stdout, double bar_after_s = 1.0);

  ProgressMode mode() const { return mode_; }
  // Show the bar from the first update (for runs expected to be long).
  void show_bar_at_once() { bar_after_s_ = 0; }
  void start(const nlohmann::json& what);
  // bar: `what` on its own line when the bar shows at once (the setup of a long run).
  void setting_up(const std::string& what);
  // Something the user should know, on stderr whatever the mode.
  void notice(const std::string& message);
  // A finished metrics interval (jsonl: an "interval" line).
  void row(const nlohmann::json& row);
  // A disruption of the cluster (jsonl: a "churn" line with t_s, kind, subject, service, detail).
  void churn(SimTime t, std::string_view kind, std::string_view subject, std::string_view service,
             std::string_view detail);
  // The simulation reached `sim_now` (jsonl: a "progress" line; bar: a redraw).
  void update(SimTime sim_now);
  void done(const nlohmann::json& result);
  void error(const std::string& message, int exit_code);
  // The run stops without done(): ends the bar's line so the next message starts clean.
  void abandon();

  double wall_seconds() const;

 private:
  void emit(nlohmann::json j);
  void draw_bar(SimTime sim_now, bool final);

  ProgressMode mode_;
  Duration sim_duration_;
  std::FILE* bar_;
  std::FILE* jsonl_;
  double bar_after_s_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool bar_shown_ = false;
};

// {"type":"error","message":…,"exit_code":…} on its own line, flushed: the jsonl error line, also
// for failures before a Progress exists (a bad option, a bad scenario).
void write_jsonl_error(std::FILE* stream, const std::string& message, int exit_code);

// bar when `stream` is a terminal, else none; `quiet` forces none.
ProgressMode default_progress_mode(std::FILE* stream, bool quiet);

}  // namespace discolab
