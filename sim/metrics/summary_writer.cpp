#include "sim/metrics/summary_writer.h"

#include <sys/resource.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/metrics/steady_state.h"

namespace discolab::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double per_s(double count, double seconds) { return seconds > 0.0 ? count / seconds : kNaN; }

nlohmann::json propagation_json(const PropagationStats& p) {
  const auto& d = p.delays;
  return {
      {"propagation_p50", d.quantile_s(0.50)},
      {"propagation_p99", d.quantile_s(0.99)},
      {"propagation_min", d.min_s()},
      {"propagation_max", d.max_s()},
      {"propagation_mean", d.mean_s()},
      {"propagation_pairs", d.count()},
      {"propagation_superseded", p.superseded},
      {"propagation_censored", p.censored},
      {"propagation_closed", p.closed},
      {"propagation_censored_max_age", p.censored_max_age_s},
  };
}

nlohmann::json traffic_json(const std::vector<ComponentTraffic>& plane, double seconds) {
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  nlohmann::json by_component = nlohmann::json::object();
  for (const auto& c : plane) {
    messages += c.messages;
    bytes += c.bytes;
    by_component[c.component] = {
        {"messages", c.messages},
        {"bytes", c.bytes},
        {"messages_per_s", per_s(static_cast<double>(c.messages), seconds)},
        {"bytes_per_s", per_s(static_cast<double>(c.bytes), seconds)},
    };
  }
  return {
      {"messages", messages},
      {"bytes", bytes},
      {"messages_per_s", per_s(static_cast<double>(messages), seconds)},
      {"bytes_per_s", per_s(static_cast<double>(bytes), seconds)},
      {"by_component", by_component},
  };
}

nlohmann::json requests_json(const RequestStats& r) {
  nlohmann::json by_cause = nlohmann::json::object();
  nlohmann::json by_last_cause = nlohmann::json::object();
  for (const auto cause : kFailureCauses) {
    by_cause[std::string(to_string(cause))] = r.failed_by(cause);
    by_last_cause[std::string(to_string(cause))] = r.failed_by_last(cause);
  }
  return {
      {"total", r.total()},
      {"succeeded", r.succeeded()},
      {"failed", r.failed()},
      {"failure_rate", r.failure_rate()},
      {"failed_by_cause", by_cause},
      {"failed_by_last_cause", by_last_cause},
      {"tries", r.outcome_tries()},
      {"retries", r.retries()},
      {"tries_per_request",
       r.total() == 0 ? kNaN
                      : static_cast<double>(r.outcome_tries()) / static_cast<double>(r.total())},
      {"tries_sent", r.tries_sent()},
      {"stale_tries", r.stale_tries()},
  };
}

nlohmann::json latency_json(const LatencyHistogram& h) {
  return {
      {"count", h.count()},
      {"mean", h.mean_s() * 1e3},
      {"p50", h.quantile_s(0.50) * 1e3},
      {"p90", h.quantile_s(0.90) * 1e3},
      {"p99", h.quantile_s(0.99) * 1e3},
      {"p999", h.quantile_s(0.999) * 1e3},
      {"max", h.max_s() * 1e3},
  };
}

// The request figures of one slice of the callers (a client group, a target service).
nlohmann::json slice_json(const RequestStats& r) {
  return {
      {"requests", requests_json(r)},
      {"latency_ms", latency_json(r.latency())},
      {"stale_route_rate", r.stale_route_rate()},
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
    clients[name]["services"] = services;
  }
  nlohmann::json services = nlohmann::json::object();
  for (const auto& [name, r] : by_service) services[name] = slice_json(r);
  summary["by_client"] = clients;
  summary["by_service"] = services;
  summary["user_facing_client"] = m.client_groups().empty()
                                      ? nlohmann::json(nullptr)
                                      : nlohmann::json(m.client_groups().front().client);
}

nlohmann::json staleness_json(const MetricsCollector& m) {
  const auto& v = m.views();
  nlohmann::json s = propagation_json(v.propagation());
  s["stale_view_fraction"] = v.stale_view_fraction();
  s["stale_route_rate"] = m.requests().stale_route_rate();
  s["views_opened"] = v.views_opened();
  s["by_change"] = {{"ready", propagation_json(v.propagation(true))},
                    {"unready", propagation_json(v.propagation(false))}};
  nlohmann::json consumers = propagation_json(v.consumer_propagation());
  consumers["by_change"] = {{"ready", propagation_json(v.consumer_propagation(true))},
                            {"unready", propagation_json(v.consumer_propagation(false))}};
  s["consumers"] = consumers;
  nlohmann::json by_component = nlohmann::json::object();
  for (std::size_t k = 0; k < v.kind_count(); ++k) {
    nlohmann::json c = propagation_json(v.kind_propagation(k));
    c["stale_view_fraction"] = v.kind_stale_view_fraction(k);
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
  for (std::size_t s = 0; s < services.size(); ++s) {
    served += services[s].served;
    by_service[m.truth().service_name(static_cast<ServiceIndex>(s))] = {
        {"served", services[s].served},
        {"instances", services[s].instances},
        {"imbalance_cv", services[s].imbalance_cv},
    };
  }
  return {
      {"imbalance_cv", LoadSpread::imbalance_cv(services)},
      {"served", served},
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
      {"pattern", run.pattern},
      {"seed", run.seed},
      {"engine", run.engine},
      {"version", run.version},
      {"scenario", run.scenario},
      {"run",
       {{"end_s", to_seconds(m.end())},
        {"warmup_s", to_seconds(m.options().warmup)},
        {"measured_s", seconds},
        {"interval_s", to_seconds(m.options().interval)}}},
      {"requests", requests_json(m.requests())},
      {"latency_ms", latency_json(m.requests().latency())},
      {"staleness_s", staleness_json(m)},
      {"control_plane", traffic_json(m.traffic().control, seconds)},
      {"data_plane", traffic_json(m.traffic().data, seconds)},
      {"load", load_json(m)},
      {"counters", counters},
      {"events",
       {{"rows", m.events().rows_written()},
        {"view_rows_dropped", m.events().view_rows_dropped()}}},
      {"perf",
       {{"wall_s", perf.wall_s}, {"events", perf.events}, {"peak_rss_mb", perf.peak_rss_mb}}},
  };
  // The path's length: data-plane messages (requests, answers, resets, every hop's) per request
  // of any client group — 2 for a direct call, 4 through one intermediary.
  const std::uint64_t requests = m.requests().total();
  summary["data_plane"]["messages_per_request"] =
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
