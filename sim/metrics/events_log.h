// events.csv: what happened to the cluster and to the views, in time order.
//
// Columns t_s,kind,subject,service,detail. Churn rows (reported by the cluster, plus the
// ground truth's ready/unready changes) are always kept: they are bounded by the churn the
// scenario asks for. View rows (view_open, view, view_close) can be as many as the views'
// updates, so they are capped (max_view_rows; 0 keeps none) and the dropped ones counted.
// With a path the rows are streamed to that file as they come (buffered), so memory stays
// flat; without one they are kept in memory (tests, small runs).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/time.h"

namespace discolab::metrics {

// The churn kinds that disrupt the cluster, as the cluster reports them (sim/cluster/):
// a container crash, a host failing and recovering, a component (registry, LB, DNS …) taken
// down and brought back, a rolling update starting or finishing. The timeline marks them and
// the JSON-lines stream sends them as `churn` messages; the routine lifecycle kinds
// (`scheduled`, `ready`, `stop`, `gone`, the truth's `ready`/`unready`) are only in events.csv.
inline constexpr std::string_view kDisruptionKinds[] = {
    "crash", "host_down", "host_up", "component_down", "component_up", "rolling_update"};
constexpr bool is_disruption(std::string_view kind) {
  for (const std::string_view k : kDisruptionKinds)
    if (k == kind) return true;
  return false;
}

struct EventRow {
  SimTime t{};
  std::string kind;
  std::string subject;
  std::string service;
  std::string detail;

  friend bool operator==(const EventRow&, const EventRow&) = default;
};

class EventsLog {
 public:
  static constexpr std::size_t kDefaultMaxViewRows = 100'000;

  // Opens (truncates) `path` and writes the header; an empty path keeps rows in memory.
  // Throws std::runtime_error when the file cannot be opened.
  explicit EventsLog(const std::filesystem::path& path = {},
                     std::size_t max_view_rows = kDefaultMaxViewRows);

  void churn(SimTime t, std::string_view kind, std::string_view subject, std::string_view service,
             std::string_view detail);
  // Whether the next view row would be kept: lets callers skip building its detail.
  bool accepts_view_row() const { return view_rows_ < max_view_rows_; }
  void view(SimTime t, std::string_view kind, std::string_view subject, std::string_view service,
            std::string_view detail);
  // Counts a view row the caller did not build because accepts_view_row() was false.
  void skip_view_row() { ++view_rows_dropped_; }
  // Flushes the file; throws std::runtime_error if writing failed.
  void flush();
  // Flushes and closes the file (rows_written() is then what it holds); any row reported
  // afterwards is a std::logic_error. Throws std::runtime_error if writing failed.
  void close();

  static std::string header() { return "t_s,kind,subject,service,detail"; }
  const std::vector<EventRow>& rows() const { return rows_; }  // in-memory mode only
  std::uint64_t rows_written() const { return rows_written_; }
  std::uint64_t view_rows_dropped() const { return view_rows_dropped_; }

 private:
  void write(SimTime t, std::string_view kind, std::string_view subject, std::string_view service,
             std::string_view detail);

  std::filesystem::path path_;
  std::ofstream file_;
  bool closed_ = false;
  std::size_t max_view_rows_;
  std::size_t view_rows_ = 0;
  std::uint64_t rows_written_ = 0;
  std::uint64_t view_rows_dropped_ = 0;
  std::vector<EventRow> rows_;
  std::string line_;  // reused buffer
};

}  // namespace discolab::metrics
