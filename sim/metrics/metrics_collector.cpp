#include "sim/metrics/metrics_collector.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace discolab::metrics {

namespace {

MetricsOptions checked(MetricsOptions options) {
  if (options.interval <= Duration::zero()) {
    throw std::invalid_argument("metrics: the interval must be positive");
  }
  if (options.warmup < Duration::zero()) {
    throw std::invalid_argument("metrics: the warmup must not be negative");
  }
  if (options.batches < 2) throw std::invalid_argument("metrics: at least 2 batches");
  return options;
}

// At most this many ids of the added and of the removed are listed in a view row's detail.
constexpr std::size_t kListedIds = 16;

void append_ids(std::string& out, std::string_view label, const std::vector<InstanceId>& ids) {
  out += ' ';
  out += label;
  out += '=';
  for (std::size_t i = 0; i < ids.size() && i < kListedIds; ++i) {
    if (i > 0) out += ';';
    out += std::to_string(ids[i]);
  }
  if (ids.size() > kListedIds) out += ";+" + std::to_string(ids.size() - kListedIds);
}

}  // namespace

MetricsCollector::MetricsCollector(Clock clock, MetricsOptions options)
    : clock_(std::move(clock)),
      options_(checked(std::move(options))),
      truth_(options_.warmup),
      views_(truth_, options_.warmup),
      events_(options_.events_csv, options_.max_view_event_rows),
      interval_end_(options_.interval) {}

MetricsCollector::MetricsCollector(const Runtime& runtime, MetricsOptions options)
    : MetricsCollector([&runtime] { return runtime.now(); }, std::move(options)) {}

void MetricsCollector::advance_to(SimTime t) {
  while (t >= interval_end_) {
    close_interval(interval_end_);
    interval_end_ += options_.interval;
  }
}

void MetricsCollector::close_interval(SimTime end) {
  const StaleFractionAverage stale = views_.take_interval(end);
  const bool warmup = interval_start_ < options_.warmup;
  rows_.push_back(interval_.close(interval_start_, end, stale.average(), truth_.ready_count(),
                                  views_.open_views()));
  TimeseriesRow& row = rows_.back();
  row.warmup = warmup;
  row.view_covered_s = stale.covered_s();
  const LatencyHistogram& delays = views_.interval_propagation();
  row.propagation_pairs = delays.count();
  row.propagation_p50_s = delays.quantile_s(0.50);
  row.propagation_p99_s = delays.quantile_s(0.99);
  views_.reset_interval_propagation();
  const std::size_t first_client_row = client_rows_.size();
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    TimeseriesRow group_row = group_interval_[g].close(interval_start_, end, kNaN, 0, 0);
    group_row.warmup = warmup;
    client_rows_.push_back({groups_[g].client, groups_[g].service, group_row});
  }
  interval_start_ = end;
  if (row_callback_)
    row_callback_(row,
                  std::span<const ClientTimeseriesRow>(client_rows_).subspan(first_client_row));
}

void MetricsCollector::truth_changed(InstanceId instance, bool ready, SimTime t) {
  const ServiceIndex service = truth_.service_of(instance);
  views_.truth_changed(instance, service, ready, t);
  events_.churn(t, ready ? "ready" : "unready", "instance/" + std::to_string(instance),
                truth_.service_name(service), {});
}

void MetricsCollector::instance_ready(InstanceId instance, std::string_view service) {
  if (run_end_) return;
  const SimTime t = tick();
  if (truth_.instance_ready(instance, service, t)) truth_changed(instance, true, t);
}

void MetricsCollector::instance_unready(InstanceId instance) {
  if (run_end_) return;
  const SimTime t = tick();
  if (truth_.instance_unready(instance, t)) truth_changed(instance, false, t);
}

void MetricsCollector::served(InstanceId instance, std::uint64_t requests) {
  if (run_end_) return;
  if (tick() >= options_.warmup) load_.served(instance, requests);
}

void MetricsCollector::churn_event(std::string_view kind, std::string_view subject,
                                   std::string_view service, std::string_view detail) {
  if (run_end_) return;
  const SimTime t = tick();
  events_.churn(t, kind, subject, service, detail);
  if (churn_callback_ && is_disruption(kind)) churn_callback_({t, kind, subject, service, detail});
}

ViewId MetricsCollector::view_opened(std::string_view component, std::string_view service) {
  const SimTime t = tick();
  const ViewId id = views_.open(component, service, t);
  if (events_.accepts_view_row()) {
    events_.view(t, "view_open", component, service, "view=" + std::to_string(id));
  } else {
    events_.skip_view_row();
  }
  return id;
}

void MetricsCollector::view_changed(ViewId view, std::span<const InstanceId> members) {
  if (run_end_) return;
  const SimTime t = tick();
  // The tracker walks only what changed and hands the diff back: the cost of a change is
  // that of the difference, not of the view's size.
  const ViewDiff& diff = views_.change(view, members, t);
  if (!events_.accepts_view_row()) {
    events_.skip_view_row();
    return;
  }
  detail_ = "view=" + std::to_string(view) + " size=" + std::to_string(members.size());
  append_ids(detail_, "added", diff.added);
  append_ids(detail_, "removed", diff.removed);
  events_.view(t, "view", views_.component(view), truth_.service_name(views_.service(view)),
               detail_);
}

void MetricsCollector::view_closed(ViewId view) {
  if (end_) return;
  if (run_end_) {
    // Closed by the teardown: written by finish(), in view order whatever order the
    // components were destroyed in. The tracker censored what was pending at the end.
    closed_at_end_.push_back(view);
    return;
  }
  const SimTime t = tick();
  views_.close(view, t);
  write_view_close(view, t);
}

void MetricsCollector::view_read(ViewId view) {
  if (run_end_) return;
  tick();
  // Counted over the whole run, like every counter; by the view's component kind.
  const std::string& component = views_.component(view);
  const std::string kind = component.substr(0, component.find('/'));
  count("view_reads." + kind);
  if (views_.disagreement(view) > 0) count("view_reads_stale." + kind);
}

void MetricsCollector::write_view_close(ViewId view, SimTime t) {
  if (events_.accepts_view_row()) {
    events_.view(t, "view_close", views_.component(view), truth_.service_name(views_.service(view)),
                 "view=" + std::to_string(view));
  } else {
    events_.skip_view_row();
  }
}

CallerTag MetricsCollector::caller_opened(std::string_view group, std::string_view service) {
  std::string key = std::string(group) + '\n' + std::string(service);
  if (auto it = tags_.find(key); it != tags_.end()) return it->second;
  const auto tag = static_cast<CallerTag>(groups_.size() + 1);
  const std::string& g = group_names_.emplace_back(group);
  const std::string& s = group_names_.emplace_back(service);
  tags_.emplace(std::move(key), tag);
  groups_.push_back({g, s, {}});
  group_interval_.emplace_back();
  return tag;
}

void MetricsCollector::try_sent(InstanceId target, CallerTag caller) {
  if (run_end_) return;
  const SimTime t = tick();
  const bool stale = !truth_.is_ready(target);
  interval_.try_sent(stale);
  const bool measured = t >= options_.warmup;
  if (measured) requests_.try_sent(stale);
  if (caller == 0 || caller > groups_.size()) return;
  group_interval_[caller - 1].try_sent(stale);
  if (measured) groups_[caller - 1].requests.try_sent(stale);
}

void MetricsCollector::request_done(const RequestOutcome& outcome) {
  if (run_end_) return;
  tick();
  const Duration latency = outcome.finished - outcome.started;
  interval_.request_done(outcome.ok, latency, outcome.cause);
  const bool measured = outcome.started >= options_.warmup;
  if (measured) requests_.request_done(outcome);
  const CallerTag caller = outcome.caller;
  if (caller == 0 || caller > groups_.size()) return;
  group_interval_[caller - 1].request_done(outcome.ok, latency, outcome.cause);
  if (measured) groups_[caller - 1].requests.request_done(outcome);
}

void MetricsCollector::count(std::string_view name, std::uint64_t delta) {
  if (run_end_) return;
  if (auto it = counters_.find(name); it != counters_.end()) {
    it->second += delta;
  } else {
    counters_.emplace(std::string(name), delta);
  }
}

void MetricsCollector::end_run(SimTime end) {
  if (run_end_) throw std::logic_error("metrics: end_run called twice");
  advance_to(end);
  if (end > interval_start_) close_interval(end);
  views_.finish(end);
  run_end_ = end;
}

void MetricsCollector::finish(SimTime end, const TrafficCounters& traffic) {
  if (end_) throw std::logic_error("metrics: finish called twice");
  if (!run_end_) end_run(end);
  if (*run_end_ != end) throw std::logic_error("metrics: finish at another time than end_run");
  std::sort(closed_at_end_.begin(), closed_at_end_.end());
  for (ViewId view : closed_at_end_) write_view_close(view, end);
  traffic_ = traffic_since(traffic, warmup_traffic_);
  events_.close();
  end_ = end;
}

double MetricsCollector::measured_s() const {
  const SimTime e = end();
  return e > options_.warmup ? to_seconds(e - options_.warmup) : 0.0;
}

}  // namespace discolab::metrics
