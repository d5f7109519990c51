#include "sim/run/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace discolab {

ProgressMode default_progress_mode(std::FILE* stream, bool quiet) {
  if (quiet) return ProgressMode::none;
  return isatty(fileno(stream)) ? ProgressMode::bar : ProgressMode::none;
}

Progress::Progress(ProgressMode mode, Duration sim_duration, std::FILE* bar_stream,
                   std::FILE* jsonl_stream, double bar_after_s)
    : mode_(mode),
      sim_duration_(sim_duration),
      bar_(bar_stream),
      jsonl_(jsonl_stream),
      bar_after_s_(bar_after_s),
      started_(std::chrono::steady_clock::now()) {}

double Progress::wall_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Progress::emit(nlohmann::json j) {
  j["protocol"] = kProgressProtocol;
  const std::string line = j.dump();
  std::fputs(line.c_str(), jsonl_);
  std::fputc('\n', jsonl_);
  std::fflush(jsonl_);
}

void Progress::start(const nlohmann::json& what) {
  started_ = std::chrono::steady_clock::now();
  if (mode_ != ProgressMode::jsonl) return;
  nlohmann::json j = what;
  j["type"] = "start";
  emit(std::move(j));
}

void Progress::setting_up(const std::string& what) {
  if (mode_ != ProgressMode::bar || bar_after_s_ > 0) return;
  std::fprintf(bar_, "%s\n", what.c_str());
  std::fflush(bar_);
}

void Progress::notice(const std::string& message) {
  std::fprintf(bar_, "discolab: %s\n", message.c_str());
  std::fflush(bar_);
}

void Progress::row(const nlohmann::json& row) {
  if (mode_ != ProgressMode::jsonl) return;
  nlohmann::json j = row;
  j["type"] = "interval";
  emit(std::move(j));
}

void Progress::churn(SimTime t, std::string_view kind, std::string_view subject,
                     std::string_view service, std::string_view detail) {
  if (mode_ != ProgressMode::jsonl) return;
  emit({{"type", "churn"},
        {"t_s", to_seconds(t)},
        {"kind", kind},
        {"subject", subject},
        {"service", service},
        {"detail", detail}});
}

void Progress::update(SimTime sim_now) {
  if (mode_ == ProgressMode::jsonl) {
    const double fraction = std::clamp(to_seconds(sim_now) / to_seconds(sim_duration_), 0.0, 1.0);
    const double wall = wall_seconds();
    emit({{"type", "progress"},
          {"t_s", to_seconds(sim_now)},
          {"fraction", fraction},
          {"wall_s", wall},
          {"eta_s", fraction > 0 ? wall * (1 - fraction) / fraction : 0.0}});
  } else if (mode_ == ProgressMode::bar) {
    draw_bar(sim_now, false);
  }
}

void Progress::draw_bar(SimTime sim_now, bool final) {
  const auto now = std::chrono::steady_clock::now();
  const double wall = wall_seconds();
  if (!final && (wall < bar_after_s_ || now - last_draw_ < std::chrono::milliseconds(100))) return;
  if (final && !bar_shown_) return;
  last_draw_ = now;
  bar_shown_ = true;
  const double total = to_seconds(sim_duration_);
  const double t = to_seconds(sim_now);
  const double fraction = std::clamp(t / total, 0.0, 1.0);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(std::lround(fraction * kWidth));
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  const double eta = fraction > 0 ? wall * (1 - fraction) / fraction : 0.0;
  std::fprintf(bar_, "\r[%s] %3.0f%%  sim %.0f/%.0f s  %.0fx real time  ETA %.0f s ", bar.c_str(),
               fraction * 100, t, total, wall > 0 ? t / wall : 0.0, eta);
  if (final) std::fputc('\n', bar_);
  std::fflush(bar_);
}

void Progress::done(const nlohmann::json& result) {
  if (mode_ == ProgressMode::bar) draw_bar(sim_duration_, true);
  if (mode_ != ProgressMode::jsonl) return;
  nlohmann::json j = result;
  j["type"] = "done";
  emit(std::move(j));
}

void write_jsonl_error(std::FILE* stream, const std::string& message, int exit_code) {
  const nlohmann::json j{{"type", "error"},
                         {"message", message},
                         {"exit_code", exit_code},
                         {"protocol", kProgressProtocol}};
  std::fputs((j.dump() + "\n").c_str(), stream);
  std::fflush(stream);
}

void Progress::abandon() {
  if (mode_ == ProgressMode::bar && bar_shown_) {
    std::fputc('\n', bar_);
    std::fflush(bar_);
    bar_shown_ = false;
  }
}

void Progress::error(const std::string& message, int exit_code) {
  abandon();
  if (mode_ == ProgressMode::jsonl) write_jsonl_error(jsonl_, message, exit_code);
}

}  // namespace discolab
