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

std::string self_executable() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find the discolab executable: " + ec.message());
  return p.string();
}

}  // namespace discolab
