// Progress of a run, for people and for programs.
//
// - bar: a one-line bar with simulated time, speed and ETA on stderr, redrawn at most 10 times
//   a wall-second, shown only once the run has lasted a wall-second and only when stderr is a
//   terminal.
// - jsonl: one JSON object per line on stdout, flushed at once, so a parent process (the GUI,
//   the batch runner) can follow the run: {"type":"start"…}, {"type":"interval"…} per metrics
//   row, {"type":"progress"…}, then {"type":"done"…} or {"type":"error"…}.
// - none: nothing.
#pragma once

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "patterns/core/time.h"

namespace discolab {

enum class ProgressMode { none, bar, jsonl };

class Progress {
 public:
  // The bar appears once the run has lasted `bar_after_s` wall-seconds (short runs stay quiet).
  Progress(ProgressMode mode, Duration sim_duration, std::FILE* bar_stream = stderr,
           std::FILE* jsonl_stream = stdout, double bar_after_s = 1.0);

  ProgressMode mode() const { return mode_; }
  void start(const nlohmann::json& what);
  // A finished metrics interval (jsonl: an "interval" line).
  void row(const nlohmann::json& row);
  // The simulation reached `sim_now` (jsonl: a "progress" line; bar: a redraw).
  void update(SimTime sim_now);
  void done(const nlohmann::json& result);
  void error(const std::string& message);

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

// bar when `stream` is a terminal, else none; `quiet` forces none.
ProgressMode default_progress_mode(std::FILE* stream, bool quiet);

}  // namespace discolab
