#include "sim/metrics/metrics_collector.h"

#include <algorithm>
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
  const double stale = views_.take_interval_stale_fraction(end);
  rows_.push_back(
      interval_.close(interval_start_, end, stale, truth_.ready_count(), views_.open_views()));
  interval_start_ = end;
  if (row_callback_) row_callback_(rows_.back());
}

void MetricsCollector::truth_changed(InstanceId instance, bool ready, SimTime t) {
  const ServiceIndex service = truth_.service_of(instance);
  views_.truth_changed(instance, service, ready, t);
  events_.churn(t, ready ? "ready" : "unready", "instance/" + std::to_string(instance),
                truth_.service_name(service), {});
}

void MetricsCollector::instance_ready(InstanceId instance, std::string_view service) {
  const SimTime t = tick();
  if (truth_.instance_ready(instance, service, t)) truth_changed(instance, true, t);
}

void MetricsCollector::instance_unready(InstanceId instance) {
  const SimTime t = tick();
  if (truth_.instance_unready(instance, t)) truth_changed(instance, false, t);
}

void MetricsCollector::served(InstanceId instance, std::uint64_t requests) {
  if (tick() >= options_.warmup) load_.served(instance, requests);
}

void MetricsCollector::churn_event(std::string_view kind, std::string_view subject,
                                   std::string_view service, std::string_view detail) {
  events_.churn(tick(), kind, subject, service, detail);
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
  const SimTime t = tick();
  if (!events_.accepts_view_row()) {
    views_.change(view, members, t);
    events_.skip_view_row();
    return;
  }
  const auto old = views_.members(view);
  std::vector<InstanceId> added;
  std::vector<InstanceId> removed;
  std::set_difference(members.begin(), members.end(), old.begin(), old.end(),
                      std::back_inserter(added));
  std::set_difference(old.begin(), old.end(), members.begin(), members.end(),
                      std::back_inserter(removed));
  views_.change(view, members, t);
  detail_ = "view=" + std::to_string(view) + " size=" + std::to_string(members.size());
  append_ids(detail_, "added", added);
  append_ids(detail_, "removed", removed);
  events_.view(t, "view", views_.component(view), truth_.service_name(views_.service(view)),
               detail_);
}

void MetricsCollector::view_closed(ViewId view) {
  const SimTime t = tick();
  views_.close(view, t);
  if (events_.accepts_view_row()) {
    events_.view(t, "view_close", views_.component(view), truth_.service_name(views_.service(view)),
                 "view=" + std::to_string(view));
  } else {
    events_.skip_view_row();
  }
}

void MetricsCollector::try_sent(InstanceId target) {
  const SimTime t = tick();
  const bool stale = !truth_.is_ready(target);
  interval_.try_sent(stale);
  if (t >= options_.warmup) requests_.try_sent(stale);
}

void MetricsCollector::request_done(const RequestOutcome& outcome) {
  tick();
  interval_.request_done(outcome.ok, outcome.finished - outcome.started);
  if (outcome.started >= options_.warmup) requests_.request_done(outcome);
}

void MetricsCollector::count(std::string_view name, std::uint64_t delta) {
  if (auto it = counters_.find(name); it != counters_.end()) {
    it->second += delta;
  } else {
    counters_.emplace(std::string(name), delta);
  }
}

void MetricsCollector::finish(SimTime end, const TrafficCounters& traffic) {
  if (end_) throw std::logic_error("metrics: finish called twice");
  advance_to(end);
  if (end > interval_start_) close_interval(end);
  views_.finish(end);
  traffic_ = traffic_since(traffic, warmup_traffic_);
  events_.flush();
  end_ = end;
}

double MetricsCollector::measured_s() const {
  const SimTime e = end();
  return e > options_.warmup ? to_seconds(e - options_.warmup) : 0.0;
}

}  // namespace discolab::metrics
