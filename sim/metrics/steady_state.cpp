#include "sim/metrics/steady_state.h"

#include <map>
#include <optional>
#include <span>
#include <vector>

#include "sim/metrics/batch_means.h"
#include "sim/metrics/figures_table.h"

namespace discolab::metrics {

namespace {

nlohmann::json figure_json(const BatchMeans& b) {
  return {
      {"mean", json_number(b.mean)},
      {"ci95_low", json_number(b.low)},
      {"ci95_high", json_number(b.high)},
      {"half_width", json_number(b.half_width)},
      {"batches", b.batches},
      {"lag1_autocorrelation", json_number(b.lag1_autocorrelation)},
      {"correlated", b.correlated},
  };
}

// Control-plane messages sent in (start, end], from the run's samples; nullopt when one of the
// two ends was not sampled.
std::optional<double> control_messages(const std::map<SimTime, std::uint64_t>& samples,
                                       SimTime start, SimTime end) {
  const auto at = [&samples](SimTime t) -> std::optional<std::uint64_t> {
    if (t == SimTime{0}) return 0;
    const auto it = samples.find(t);
    return it == samples.end() ? std::nullopt : std::optional(it->second);
  };
  const auto a = at(start);
  const auto b = at(end);
  if (!a || !b || *b < *a) return std::nullopt;
  return static_cast<double>(*b - *a);
}

}  // namespace

nlohmann::json steady_state_json(const MetricsCollector& m) {
  const Duration interval = m.options().interval;
  std::vector<const TimeseriesRow*> measured;
  for (const TimeseriesRow& row : m.timeseries())
    if (row.start >= m.options().warmup && row.end - row.start == interval)
      measured.push_back(&row);
  const BatchPlan plan = plan_batches(measured.size(), m.options().batches);
  const std::span<const TimeseriesRow* const> used =
      std::span(measured).subspan(plan.skipped, plan.batches * plan.per_batch);

  std::map<SimTime, std::uint64_t> samples(m.control_message_samples().begin(),
                                           m.control_message_samples().end());
  std::vector<BatchSums> failures, latency, stale_routes, stale_views, control;
  bool control_known = true;
  for (std::size_t j = 0; j < plan.batches; ++j) {
    BatchSums f, l, r, v, c;
    for (const TimeseriesRow* row : used.subspan(j * plan.per_batch, plan.per_batch)) {
      f.numerator += static_cast<double>(row->failed);
      f.denominator += static_cast<double>(row->succeeded + row->failed);
      l.numerator += row->latency_sum_s * 1e3;
      l.denominator += static_cast<double>(row->succeeded);
      r.numerator += static_cast<double>(row->stale_tries);
      r.denominator += static_cast<double>(row->tries);
      if (row->view_covered_s > 0.0) {
        v.numerator += row->stale_view_fraction * row->view_covered_s;
        v.denominator += row->view_covered_s;
      }
      const auto messages = control_messages(samples, row->start, row->end);
      control_known = control_known && messages.has_value();
      c.numerator += messages.value_or(0.0);
      c.denominator += to_seconds(row->end - row->start);
    }
    failures.push_back(f);
    latency.push_back(l);
    stale_routes.push_back(r);
    stale_views.push_back(v);
    control.push_back(c);
  }
  if (!control_known) control.clear();

  const bool any = !used.empty();
  return {
      {"batches", plan.batches},
      {"intervals_per_batch", plan.per_batch},
      {"batch_s", to_seconds(interval) * static_cast<double>(plan.per_batch)},
      {"from_s", any ? json_number(to_seconds(used.front()->start)) : nlohmann::json(nullptr)},
      {"to_s", any ? json_number(to_seconds(used.back()->end)) : nlohmann::json(nullptr)},
      {"lag1_threshold", kLag1Threshold},
      {steady_state_name("requests.failure_rate"), figure_json(batch_means(failures))},
      {steady_state_name("latency.mean_ms"), figure_json(batch_means(latency))},
      {steady_state_name("staleness.stale_route_rate"), figure_json(batch_means(stale_routes))},
      {steady_state_name("staleness.stale_view_fraction"), figure_json(batch_means(stale_views))},
      {steady_state_name("control_plane.messages_per_s"), figure_json(batch_means(control))},
  };
}

}  // namespace discolab::metrics
