#include "sim/metrics/summary_writer.h"

#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/metrics/steady_state.h"
#include "sim/metrics/figures.h"

namespace discolab::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double per_s(double count, double seconds) { return seconds > 0.0 ? count / seconds : kNaN; }

// Keys are named through the figures table (figure_key, figure_of, family_key in
// figures_table.h): an undeclared key does not compile. Percentiles go through
// percentile_or_nan (the sample rule).

nlohmann::json propagation_json(const PropagationStats& p) {
  constexpr const FigureBlock& b = kPropagationBlock;
  const auto& d = p.delays;
  const std::uint64_t n = d.count();
  return {
      {figure_key(b, "propagation_p50_s"),
       percentile_or_nan(figure_of(b, "propagation_p50_s"), n, d.quantile_s(0.50))},
      {figure_key(b, "propagation_p99_s"),
       percentile_or_nan(figure_of(b, "propagation_p99_s"), n, d.quantile_s(0.99))},
      {figure_key(b, "propagation_min_s"), d.min_s()},
      {figure_key(b, "propagation_max_s"), d.max_s()},
      {figure_key(b, "propagation_mean_s"), d.mean_s()},
      {figure_key(b, "propagation_pairs"), n},
      {figure_key(b, "propagation_superseded"), p.superseded},
      {figure_key(b, "propagation_censored"), p.censored},
      {figure_key(b, "propagation_closed"), p.closed},
      {figure_key(b, "propagation_censored_max_age_s"), p.censored_max_age_s},
  };
}

nlohmann::json traffic_json(const std::vector<ComponentTraffic>& plane, double seconds) {
  constexpr const FigureBlock& b = kTrafficBlock;
  const auto figures = [&](std::uint64_t messages, std::uint64_t bytes) {
    return nlohmann::json{
        {figure_key(b, "messages"), messages},
        {figure_key(b, "bytes"), bytes},
        {figure_key(b, "messages_per_s"), per_s(static_cast<double>(messages), seconds)},
        {figure_key(b, "bytes_per_s"), per_s(static_cast<double>(bytes), seconds)},
    };
  };
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  nlohmann::json by_component = nlohmann::json::object();
  for (const auto& c : plane) {
    messages += c.messages;
    bytes += c.bytes;
    by_component[c.component] = figures(c.messages, c.bytes);
  }
  nlohmann::json j = figures(messages, bytes);
  j["by_component"] = by_component;
  return j;
}

nlohmann::json requests_json(const RequestStats& r) {
  constexpr const FigureBlock& b = kRequestsBlock;
  nlohmann::json by_cause = nlohmann::json::object();
  nlohmann::json by_last_cause = nlohmann::json::object();
  for (const auto cause : kFailureCauses) {
    by_cause[std::string(to_string(cause))] = r.failed_by(cause);
    by_last_cause[std::string(to_string(cause))] = r.failed_by_last(cause);
  }
  return {
      {figure_key(b, "total"), r.total()},
      {figure_key(b, "succeeded"), r.succeeded()},
      {figure_key(b, "failed"), r.failed()},
      {figure_key(b, "failure_rate"), r.failure_rate()},
      {family_key(b, "failed_by_cause.<cause>"), by_cause},
      {family_key(b, "failed_by_last_cause.<cause>"), by_last_cause},
      {figure_key(b, "tries"), r.outcome_tries()},
      {figure_key(b, "retries"), r.retries()},
      {figure_key(b, "tries_per_request"),
       r.total() == 0 ? kNaN
                      : static_cast<double>(r.outcome_tries()) / static_cast<double>(r.total())},
      {figure_key(b, "tries_sent"), r.tries_sent()},
      {figure_key(b, "stale_tries"), r.stale_tries()},
  };
}

nlohmann::json latency_json(const LatencyHistogram& h) {
  constexpr const FigureBlock& b = kLatencyBlock;
  const std::uint64_t n = h.count();
  const auto ms = [&](const Figure& f) {
    return percentile_or_nan(f, n, h.quantile_s(f.quantile) * 1e3);
  };
  return {
      {figure_key(b, "samples"), n},
      {figure_key(b, "mean_ms"), h.mean_s() * 1e3},
      {figure_key(b, "p50_ms"), ms(figure_of(b, "p50_ms"))},
      {figure_key(b, "p90_ms"), ms(figure_of(b, "p90_ms"))},
      {figure_key(b, "p99_ms"), ms(figure_of(b, "p99_ms"))},
      {figure_key(b, "p999_ms"), ms(figure_of(b, "p999_ms"))},
      {figure_key(b, "max_ms"), h.max_s() * 1e3},
  };
}

// The request figures of one slice of the callers (a client group, a target service).
nlohmann::json slice_json(const RequestStats& r) {
  return {
      {"requests", requests_json(r)},
      {"latency", latency_json(r.latency())},
      {figure_key(kSliceBlock, "stale_route_rate"), r.stale_route_rate()},
  };
}

// by_client and by_service: each client group's and each target service's figures, merged
// over the (group, service) pairs they cover.
void add_breakdowns(nlohmann::json& summary, const MetricsCollector& m) {
  std::map<std::string, RequestStats, std::less<>> by_client;
  std::map<std::string, RequestStats, std::less<>> by_service;
  for (const auto& g : m.client_groups()) {
    by_client[std::string(g.client)].merge(g.requests);
    by_service[std::string(g.service)].merge(g.requests);
  }
  nlohmann::json clients = nlohmann::json::object();
  for (const auto& [name, r] : by_client) {
    clients[name] = slice_json(r);
    nlohmann::json services = nlohmann::json::array();
    for (const auto& g : m.client_groups()) {
      if (g.client == name) services.push_back(g.service);
    }
    clients[name][figure_key(kSliceInfoBlock, "services")] = services;
  }
  nlohmann::json services = nlohmann::json::object();
  for (const auto& [name, r] : by_service) services[name] = slice_json(r);
  summary["by_client"] = clients;
  summary["by_service"] = services;
  summary[figure_key(kIdentityBlock, "user_facing_client")] =
      m.client_groups().empty() ? nlohmann::json(nullptr)
                                : nlohmann::json(m.client_groups().front().client);
}

nlohmann::json staleness_json(const MetricsCollector& m) {
  const auto& v = m.views();
  nlohmann::json s = propagation_json(v.propagation());
  s[figure_key(kViewsBlock, "stale_view_fraction")] = v.stale_view_fraction();
  s[figure_key(kViewsBlock, "stale_route_rate")] = m.requests().stale_route_rate();
  s[figure_key(kViewsBlock, "views_opened")] = v.views_opened();
  s["by_change"] = {{"ready", propagation_json(v.propagation(true))},
                    {"unready", propagation_json(v.propagation(false))}};
  nlohmann::json consumers = propagation_json(v.consumer_propagation());
  consumers["by_change"] = {{"ready", propagation_json(v.consumer_propagation(true))},
                            {"unready", propagation_json(v.consumer_propagation(false))}};
  s["consumers"] = consumers;
  nlohmann::json by_component = nlohmann::json::object();
  for (std::size_t k = 0; k < v.kind_count(); ++k) {
    nlohmann::json c = propagation_json(v.kind_propagation(k));
    c[figure_key(kKindViewsBlock, "stale_view_fraction")] = v.kind_stale_view_fraction(k);
    c["by_change"] = {{"ready", propagation_json(v.kind_propagation(k, true))},
                      {"unready", propagation_json(v.kind_propagation(k, false))}};
    by_component[v.kind_name(k)] = c;
  }
  s["by_component"] = by_component;
  return s;
}

nlohmann::json load_json(const MetricsCollector& m) {
  const auto services = m.load().by_service(m.truth(), m.end());
  nlohmann::json by_service = nlohmann::json::object();
  std::uint64_t served = 0;
  constexpr const FigureBlock& b = kServiceLoadBlock;
  for (std::size_t s = 0; s < services.size(); ++s) {
    served += services[s].served;
    by_service[m.truth().service_name(static_cast<ServiceIndex>(s))] = {
        {figure_key(b, "served"), services[s].served},
        {figure_key(b, "instances"), services[s].instances},
        {figure_key(b, "imbalance_cv"), services[s].imbalance_cv},
    };
  }
  return {
      {figure_key(kLoadBlock, "imbalance_cv"), LoadSpread::imbalance_cv(services)},
      {figure_key(kLoadBlock, "served"), served},
      {"by_service", by_service},
  };
}

// Undefined values (no samples, no time) are NaN while computing, null in the contract.
void nan_to_null(nlohmann::json& j) {
  if (j.is_number_float() && std::isnan(j.get<double>())) {
    j = nullptr;
  } else if (j.is_structured()) {
    for (auto& child : j) nan_to_null(child);
  }
}

}  // namespace

double peak_rss_mb() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return kNaN;
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

nlohmann::json make_summary(const MetricsCollector& m, const RunInfo& run, const PerfStats& perf) {
  if (!m.finished()) throw std::logic_error("metrics: summary before finish()");
  const double seconds = m.measured_s();
  nlohmann::json counters = nlohmann::json::object();
  for (const auto& [name, value] : m.counters()) counters[name] = value;
  nlohmann::json summary = {
      {figure_key(kIdentityBlock, "pattern"), run.pattern},
      {figure_key(kIdentityBlock, "seed"), run.seed},
      {figure_key(kIdentityBlock, "engine"), run.engine},
      {figure_key(kIdentityBlock, "version"), run.version},
      {figure_key(kIdentityBlock, "scenario"), run.scenario},
      {"run",
       {{figure_key(kRunBlock, "end_s"), to_seconds(m.end())},
        {figure_key(kRunBlock, "warmup_s"), to_seconds(m.options().warmup)},
        {figure_key(kRunBlock, "measured_s"), seconds},
        {figure_key(kRunBlock, "interval_s"), to_seconds(m.options().interval)}}},
      {"requests", requests_json(m.requests())},
      {"latency", latency_json(m.requests().latency())},
      {"staleness", staleness_json(m)},
      {"control_plane", traffic_json(m.traffic().control, seconds)},
      {"data_plane", traffic_json(m.traffic().data, seconds)},
      {"load", load_json(m)},
      {"counters", counters},
      {"events",
       {{figure_key(kEventsBlock, "rows"), m.events().rows_written()},
        {figure_key(kEventsBlock, "view_rows_dropped"), m.events().view_rows_dropped()}}},
      {"perf",
       {{figure_key(kPerfBlock, "wall_s"), perf.wall_s},
        {figure_key(kPerfBlock, "events"), perf.events},
        {figure_key(kPerfBlock, "peak_rss_mb"), perf.peak_rss_mb}}},
  };
  // The path's length: data-plane messages (requests, answers, resets, every hop's) per request
  // of any client group — 2 for a direct call, 4 through one intermediary.
  const std::uint64_t requests = m.requests().total();
  summary["data_plane"][figure_key(kPathBlock, "messages_per_request")] =
      requests == 0
          ? std::numeric_limits<double>::quiet_NaN()
          : summary["data_plane"]["messages"].get<double>() / static_cast<double>(requests);
  add_breakdowns(summary, m);
  summary["steady_state"] = steady_state_json(m);
  nan_to_null(summary);
  return summary;
}

std::string summary_text(const nlohmann::json& summary) { return summary.dump(2) + "\n"; }

void write_summary(const std::filesystem::path& path, const nlohmann::json& summary) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << summary_text(summary);
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace discolab::metrics
