// Per-interval rows of a run (timeseries.csv, and the live JSON-lines stream).
//
// The run is cut into intervals [start, end) of the scenario's width (the last one may be
// shorter: it ends with the run). A row describes one interval: requests *completed* in it
// (their outcome reached the caller then), their failures, the latency of the successes among
// them (a fresh histogram per interval), tries sent and stale routes among them, the
// stale-view fraction time-averaged over the interval, the propagation delays of the (change,
// view) pairs whose view caught up in it, gauges sampled at its end, and the failures by cause
// (FailureCause, in kFailureCauses' order). Rates are per second of the interval's width. Rows
// cover the whole run, warmup included; a row whose interval starts before the warmup ends is
// marked (warmup 1, else 0). Undefined values (no successes, no open views) are NaN: empty in CSV,
// null in JSON.
//
// timeseries_by_client.csv has the request figures of the same intervals per client group
// and target service, in long form (one row per interval and group).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/time.h"
#include "sim/metrics/latency_histogram.h"

namespace discolab::metrics {

struct TimeseriesRow {
  SimTime start{};
  SimTime end{};        // t_s
  bool warmup = false;  // the interval starts before the warmup ends
  double completed_per_s = 0.0;
  double succeeded_per_s = 0.0;
  double failed_per_s = 0.0;
  double tries_per_s = 0.0;
  double stale_routes_per_s = 0.0;
  double stale_route_rate = 0.0;  // stale tries / tries; NaN without tries
  double latency_p50_ms = 0.0;
  double latency_p99_ms = 0.0;
  double stale_view_fraction = 0.0;
  std::uint64_t ready_instances = 0;  // at the interval's end
  std::uint64_t open_views = 0;       // at the interval's end
  // Reflected (change, view) pairs whose view caught up in the interval, whatever the time of
  // the change (warmup included), and their delays' p50 and p99 (NaN without pairs).
  std::uint64_t propagation_pairs = 0;
  double propagation_p50_s = 0.0;
  double propagation_p99_s = 0.0;
  // Failures by cause per second, indexed by FailureCause (the CSV writes kFailureCauses'
  // order); they sum to failed_per_s.
  std::array<double, kFailureCauseCount> failed_by_cause_per_s{};
  // The interval's sums behind the rates, for batch means (batch_means.h); not written to the
  // files. view_covered_s is the time with at least one view open (the stale-view fraction's
  // denominator; 0 for a client group's row).
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
  std::uint64_t tries = 0;
  std::uint64_t stale_tries = 0;
  double latency_sum_s = 0.0;  // over the successes
  double view_covered_s = 0.0;
};

// What the interval sees; closed by the collector at each interval end.
class IntervalAccumulator {
 public:
  void try_sent(bool stale) {
    ++tries_;
    if (stale) ++stale_tries_;
  }
  void request_done(bool ok, Duration latency, FailureCause cause = FailureCause::timeout) {
    if (ok) {
      ++succeeded_;
      latency_.record(latency);
    } else {
      ++failed_;
      // A value outside the enum still counts as failed, under no cause (as RequestStats).
      const auto k = static_cast<std::size_t>(cause);
      if (k < failed_by_cause_.size()) ++failed_by_cause_[k];
    }
  }
  // The row of [start, end) with the given time-averaged fraction and end-of-interval gauges;
  // then starts afresh.
  TimeseriesRow close(SimTime start, SimTime end, double stale_view_fraction,
                      std::uint64_t ready_instances, std::uint64_t open_views);

 private:
  std::uint64_t succeeded_ = 0;
  std::uint64_t failed_ = 0;
  std::uint64_t tries_ = 0;
  std::uint64_t stale_tries_ = 0;
  std::array<std::uint64_t, kFailureCauseCount> failed_by_cause_{};
  LatencyHistogram latency_;
};

// One interval's request figures for one client group and target service (the stale-view
// fraction, the propagation and the gauges of `row` are not per group and are left unset).
struct ClientTimeseriesRow {
  std::string_view client;  // refers to the collector's names
  std::string_view service;
  TimeseriesRow row;
};

std::string timeseries_csv_header();
std::string to_csv_line(const TimeseriesRow& row);  // no trailing newline
nlohmann::json to_json(const TimeseriesRow& row);   // keys as the CSV columns
// A client group's row as JSON: the timeseries_by_client.csv columns but t_s and warmup (the
// stream's interval message carries them once, with the rows in its by_client array).
nlohmann::json to_json(const ClientTimeseriesRow& row);
// The column of failures of one cause per second: "failed_<cause>_per_s".
std::string failed_cause_column(FailureCause cause);
// A double as JSON: null when undefined (NaN), as the results files write it.
nlohmann::json json_number(double value);
// Header and rows; throws std::runtime_error when the file cannot be written.
void write_timeseries_csv(const std::filesystem::path& path,
                          const std::vector<TimeseriesRow>& rows);

std::string client_timeseries_csv_header();
std::string to_csv_line(const ClientTimeseriesRow& row);  // no trailing newline
void write_client_timeseries_csv(const std::filesystem::path& path,
                                 const std::vector<ClientTimeseriesRow>& rows);

}  // namespace discolab::metrics
