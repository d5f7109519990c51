// The simulator's Observer: everything a run measures, fed by the patterns, the cluster and
// the engine, read by the results writers (summary_writer.h, timeseries.h, events_log.h).
//
// Call order for a run (times come from the clock; they never decrease):
//   MetricsCollector m(clock, options);       // before any component starts
//   m.on_interval_end(stream_row);            // optional: live timeseries rows
//   m.on_churn(stream_churn);                 // optional: live disruptions
//   … components call the Observer methods; the cluster calls instance_ready/unready,
//   served and churn_event; the engine may call advance_to(now) on its own ticks so rows
//   appear while nothing is reported …
//   m.set_warmup_traffic(counters_at_warmup);  // optional, at the warmup's end
//   m.end_run(end);                            // the run's end: the figures are final
//   … tear the components down: the views they close get a view_close row at `end` …
//   m.finish(end, traffic_counters);           // once; calls end_run(end) if not yet done
//   write_summary(...), write_timeseries_csv(..., m.timeseries()) (finish() closed events.csv)
//
// Warmup: summary statistics count requests issued, tries sent, truth changes and served
// requests at or after options.warmup, and integrate time from it; the timeseries and events
// cover the whole run (rows starting before the warmup's end are marked). try_sent,
// request_done and served are O(1) and allocation free.
//
// Per client group: caller_opened gives one tag per (group, service) pair, in the order
// first opened (tags from 1; 0 is untagged and only counted in the merged figures). Tries
// and outcomes are also counted per tag (client_groups(), client_timeseries()).
//
// After end_run(), view changes, tries, outcomes, churn and counts reported are ignored, and
// pending propagation pairs are already censored: components torn down at the run's end change
// no figure. Their views' closings still get a `view_close` row at the run's end in events.csv
// (so every view opened is closed in the file), written by finish() in view id order, so the
// order the components are destroyed in (a hash map's, say) does not show; finish() closes the
// file and every later call is ignored, so summary.json counts what the file holds.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "patterns/core/observer.h"
#include "patterns/core/runtime.h"
#include "sim/metrics/events_log.h"
#include "sim/metrics/ground_truth.h"
#include "sim/metrics/load_spread.h"
#include "sim/metrics/request_stats.h"
#include "sim/metrics/timeseries.h"
#include "sim/metrics/traffic.h"
#include "sim/metrics/view_tracker.h"

namespace discolab::metrics {

struct MetricsOptions {
  Duration interval = std::chrono::seconds(1);  // timeseries row width (> 0)
  Duration warmup{};                            // excluded from summary statistics
  std::filesystem::path events_csv;             // empty: events kept in memory
  std::size_t max_view_event_rows = EventsLog::kDefaultMaxViewRows;
  std::size_t batches = 20;  // batch means of the measured intervals (steady_state.h); ≥ 2
};

class MetricsCollector final : public Observer {
 public:
  using Clock = std::function<SimTime()>;
  // An interval's row and its client groups' rows (in tag order).
  using RowCallback =
      std::function<void(const TimeseriesRow&, std::span<const ClientTimeseriesRow>)>;
  // A disruption the cluster reported (is_disruption(kind), events_log.h), as it is logged.
  struct Churn {
    SimTime t{};
    std::string_view kind, subject, service, detail;
  };
  using ChurnCallback = std::function<void(const Churn&)>;

  // Throws std::invalid_argument for a non-positive interval or a negative warmup, and
  // std::runtime_error when events_csv cannot be opened.
  MetricsCollector(Clock clock, MetricsOptions options = {});
  // Reads the time from `runtime`, which must outlive the collector.
  MetricsCollector(const Runtime& runtime, MetricsOptions options = {});

  // --- the cluster ---
  void instance_ready(InstanceId instance, std::string_view service);
  void instance_unready(InstanceId instance);
  // An instance finished serving `requests` requests (counted when at or after the warmup).
  void served(InstanceId instance, std::uint64_t requests = 1);
  // A churn event for events.csv, e.g. ("crash", "instance/17", "web", "exit 137"),
  // ("host_down", "rack0-host1", "", "").
  void churn_event(std::string_view kind, std::string_view subject, std::string_view service = {},
                   std::string_view detail = {});

  // --- time and the timeseries ---
  // Called with each row as its interval ends (inside whichever call crossed the boundary).
  void on_interval_end(RowCallback callback) { row_callback_ = std::move(callback); }
  // Called with each disruption as the cluster reports it (for the JSON-lines stream).
  void on_churn(ChurnCallback callback) { churn_callback_ = std::move(callback); }
  // Closes every interval that ended at or before t.
  void advance_to(SimTime t);

  // --- the engine, at each interval's end (optional) ---
  // The control-plane messages the engine counted so far, over every component, after running
  // to `t` (every event at or before t): interval (a, b]'s count is the difference of the
  // samples at a and b (0 at the run's start). For the batch means of control_plane.messages_per_s.
  void control_messages_at(SimTime t, std::uint64_t total) {
    control_samples_.emplace_back(t, total);
  }
  const std::vector<std::pair<SimTime, std::uint64_t>>& control_message_samples() const {
    return control_samples_;
  }

  // --- the engine, at the end ---
  void set_warmup_traffic(TrafficCounters at_warmup) { warmup_traffic_ = std::move(at_warmup); }
  // Closes the last (possibly partial) interval and censors pending propagation pairs. Call
  // once, before tearing the components down.
  void end_run(SimTime end);
  // end_run(end) if not done yet, takes the traffic counters and closes events.csv. Call once.
  void finish(SimTime end, const TrafficCounters& traffic);

  // --- Observer ---
  ViewId view_opened(std::string_view component, std::string_view service) override;
  void view_changed(ViewId view, std::span<const InstanceId> members) override;
  void view_closed(ViewId view) override;
  // Counts "view_reads.<kind>" and, when the view disagrees with the truth now,
  // "view_reads_stale.<kind>" (kind: the component up to '/', e.g. "client").
  void view_read(ViewId view) override;
  CallerTag caller_opened(std::string_view group, std::string_view service) override;
  void try_sent(InstanceId target, CallerTag caller) override;
  void request_done(const RequestOutcome& outcome) override;
  void count(std::string_view name, std::uint64_t delta = 1) override;

  // --- results (complete after finish) ---
  const MetricsOptions& options() const { return options_; }
  const GroundTruth& truth() const { return truth_; }
  const ViewTracker& views() const { return views_; }
  const RequestStats& requests() const { return requests_; }
  const std::vector<TimeseriesRow>& timeseries() const { return rows_; }

  // A client group's figures for one target service (after the warmup, as requests()).
  struct ClientGroup {
    std::string_view client;
    std::string_view service;
    RequestStats requests;
  };
  // Indexed by tag − 1: in the order the groups were first opened.
  const std::vector<ClientGroup>& client_groups() const { return groups_; }
  // Per interval (as timeseries()), one row per client group in tag order.
  const std::vector<ClientTimeseriesRow>& client_timeseries() const { return client_rows_; }
  const EventsLog& events() const { return events_; }
  EventsLog& events() { return events_; }
  const std::map<std::string, std::uint64_t, std::less<>>& counters() const { return counters_; }
  const LoadSpread& load() const { return load_; }
  // Traffic after the warmup (the end counters minus the warmup ones).
  const TrafficCounters& traffic() const { return traffic_; }
  bool finished() const { return end_.has_value(); }
  SimTime end() const { return end_.value_or(SimTime{0}); }
  // Seconds from the warmup to the end: the denominator of the summary's rates.
  double measured_s() const;

 private:
  SimTime tick() {
    const SimTime t = clock_();
    if (t >= interval_end_) advance_to(t);
    return t;
  }
  void close_interval(SimTime end);
  void truth_changed(InstanceId instance, bool ready, SimTime t);
  void write_view_close(ViewId view, SimTime t);

  Clock clock_;
  MetricsOptions options_;
  GroundTruth truth_;
  ViewTracker views_;
  RequestStats requests_;
  LoadSpread load_;
  EventsLog events_;
  IntervalAccumulator interval_;
  SimTime interval_start_{};
  SimTime interval_end_{};
  std::vector<TimeseriesRow> rows_;
  RowCallback row_callback_;
  ChurnCallback churn_callback_;
  std::map<std::string, std::uint64_t, std::less<>> counters_;
  TrafficCounters warmup_traffic_;
  std::vector<std::pair<SimTime, std::uint64_t>> control_samples_;
  TrafficCounters traffic_;
  std::optional<SimTime> run_end_;       // end_run() was called
  std::vector<ViewId> closed_at_end_;    // views closed between end_run() and finish()
  std::optional<SimTime> end_;           // finish() was called
  std::string detail_;                   // reused buffer for view rows
  std::deque<std::string> group_names_;  // stable storage for the groups' names
  std::map<std::string, CallerTag, std::less<>> tags_;  // "<group>\n<service>"
  std::vector<ClientGroup> groups_;                     // by tag − 1
  std::vector<IntervalAccumulator> group_interval_;     // by tag − 1
  std::vector<ClientTimeseriesRow> client_rows_;
};

}  // namespace discolab::metrics
