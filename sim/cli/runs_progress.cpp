#include "sim/cli/runs_progress.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "sim/run/run_estimate.h"

namespace discolab {

void draw_runs_bar(const compare::RunsProgress& p, bool final) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(p.fraction * kWidth + 0.5);
  std::string bar(static_cast<std::size_t>(std::clamp(filled, 0, kWidth)), '#');
  bar.resize(kWidth, '.');
  std::fprintf(
      stderr, "\r[%s] %3.0f%%  runs %zu/%zu done, %zu running, %zu failed  %.0f s, ETA %.0f s ",
      bar.c_str(), p.fraction * 100, p.done, p.total, p.running, p.failed, p.wall_s, p.eta_s());
  if (final) std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::string runs_progress_line(const compare::RunsProgress& p) {
  std::string line = "runs " + std::to_string(p.done) + "/" + std::to_string(p.total) + " done, " +
                     std::to_string(p.running) + " running, " + std::to_string(p.failed) +
                     " failed, " + std::to_string(static_cast<long>(p.wall_s + 0.5)) + " s elapsed";
  if (p.done < p.total && p.fraction > 0) line += ", ETA " + describe_wall(p.eta_s());
  return line;
}

RunsProgressPrinter::RunsProgressPrinter(std::string label, bool bar, bool lines)
    : label_(std::move(label)),
      bar_(bar),
      lines_(lines),
      last_line_(std::chrono::steady_clock::now()) {}

void RunsProgressPrinter::operator()(const compare::RunsProgress& p) {
  constexpr double kPlainProgressEveryS = 10;
  const bool changed = p.done != last_.done;
  last_ = p;
  if (bar_) draw_runs_bar(p, false);
  const auto now = std::chrono::steady_clock::now();
  if (lines_ && changed &&
      std::chrono::duration<double>(now - last_line_).count() >= kPlainProgressEveryS) {
    last_line_ = now;
    std::fprintf(stderr, "%s: %s\n", label_.c_str(), runs_progress_line(p).c_str());
    std::fflush(stderr);
  }
}

void RunsProgressPrinter::finish() {
  if (bar_ && last_.total > 0) draw_runs_bar(last_, true);
  last_ = {};
}

std::string self_executable() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find the discolab executable: " + ec.message());
  return p.string();
}

}  // namespace discolab
