#include "sim/cli/summary_table.h"

#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "sim/metrics/figures.h"

namespace discolab {
namespace {

const nlohmann::json& at(const nlohmann::json& j, const char* path) {
  static const nlohmann::json null_value;
  const nlohmann::json* cur = &j;
  std::string key;
  std::istringstream in(path);
  while (std::getline(in, key, '.')) {
    if (!cur->is_object() || !cur->contains(key)) return null_value;
    cur = &(*cur)[key];
  }
  return *cur;
}

std::string num(const nlohmann::json& v, const char* fmt, double scale = 1.0) {
  if (!v.is_number()) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>() * scale);
  return buf;
}

// The figure at `key` under `base` (summary.json, or one of its client groups at `prefix`):
// a number, "n=12 < 368" for a percentile of too few samples (the sample rule), or "–".
// Keys must be declared in the figures table (sim/metrics/figures_table.h).
std::string fig(const nlohmann::json& base, const std::string& prefix, const char* key,
                const char* fmt, double scale = 1.0) {
  const metrics::DeclaredFigure* d = metrics::find_figure(prefix + key);
  if (d == nullptr) throw std::logic_error(std::string("summary table: undeclared figure ") + key);
  const nlohmann::json& v = at(base, key);
  if (v.is_number() || d->samples_key.empty()) return num(v, fmt, scale);
  const std::string_view leaf = d->figure->key;
  const std::string own(key);
  const nlohmann::json& n =
      at(base, (own.substr(0, own.size() - leaf.size()) + std::string(d->figure->samples)).c_str());
  if (!n.is_number() || n.get<double>() == 0) return "–";  // no samples: undefined
  return "n=" + n.dump() + " < " + std::to_string(metrics::min_samples(d->figure->quantile));
}

// " (refused 3, timeout 5)" for the non-zero counts of a cause → count object.
std::string causes(const nlohmann::json& by_cause, const std::string& prefix) {
  std::string list;
  for (const auto& [cause, n] : by_cause.items()) {
    if (n.is_number() && n.get<double>() > 0) list += ", " + cause + " " + n.dump();
  }
  if (list.empty()) return prefix.empty() ? "" : prefix + "nothing";
  return prefix.empty() ? " (" + list.substr(2) + ")" : prefix + list.substr(2);
}

// One line of a client group's figures (summary.json's by_client.<name>).
std::string client_line(const std::string& name, const nlohmann::json& c, bool user_facing) {
  std::string services;
  for (const auto& service : at(c, "services")) {
    services += (services.empty() ? "" : ",") + service.get<std::string>();
  }
  char label[64];
  std::snprintf(label, sizeof label, "%-20s", (name + " -> " + services).c_str());
  std::string line = std::string("    ") + label + " " + num(at(c, "requests.total"), "%.0f") +
                     " total, " + num(at(c, "requests.failure_rate"), "%.3f%%", 100) + " failed" +
                     causes(at(c, "requests.failed_by_cause"), "") + ", p50 " +
                     fig(c, "by_client.<group>.", "latency.p50_ms", "%.2f") + " ms, p99 " +
                     fig(c, "by_client.<group>.", "latency.p99_ms", "%.2f") + " ms, stale routes " +
                     num(at(c, "stale_route_rate"), "%.3f%%", 100);
  if (user_facing) line += "  (user-facing)";
  return line + "\n";
}

// The client groups, the user-facing one first, then the others by name.
std::string client_lines(const nlohmann::json& s) {
  const nlohmann::json& by_client = at(s, "by_client");
  if (!by_client.is_object() || by_client.empty()) return "";
  const nlohmann::json& first = at(s, "user_facing_client");
  std::string out = "  by client\n";
  if (first.is_string() && by_client.contains(first.get<std::string>())) {
    out += client_line(first.get<std::string>(), by_client[first.get<std::string>()], true);
  }
  for (const auto& [name, c] : by_client.items()) {
    if (!first.is_string() || name != first.get<std::string>()) out += client_line(name, c, false);
  }
  return out;
}

}  // namespace

std::string summary_table(const nlohmann::json& s, const std::string& folder) {
  std::ostringstream out;
  const nlohmann::json& scenario = at(s, "scenario");
  out << "discolab " << at(s, "version").get<std::string>() << " | "
      << (scenario.is_string() ? scenario.get<std::string>() : scenario.dump()) << " | pattern "
      << at(s, "pattern").get<std::string>() << " | seed " << at(s, "seed").dump() << " | engine "
      << at(s, "engine").get<std::string>() << "\n";
  out << "  requests        " << num(at(s, "requests.total"), "%.0f") << " total, "
      << num(at(s, "requests.failure_rate"), "%.3f%%", 100) << " failed";
  out << causes(at(s, "requests.failed_by_cause"), "") << "\n";
  if (at(s, "requests.failed_by_cause.retries_exhausted").is_number() &&
      at(s, "requests.failed_by_cause.retries_exhausted").get<double>() > 0) {
    out << "  last try        " << causes(at(s, "requests.failed_by_last_cause"), "failed by ")
        << "\n";
  }
  out << "  latency ms      mean " << fig(s, "", "latency.mean_ms", "%.2f") << "  p50 "
      << fig(s, "", "latency.p50_ms", "%.2f") << "  p90 " << fig(s, "", "latency.p90_ms", "%.2f")
      << "  p99 " << fig(s, "", "latency.p99_ms", "%.2f") << "  p99.9 "
      << fig(s, "", "latency.p999_ms", "%.2f") << "  max " << fig(s, "", "latency.max_ms", "%.2f")
      << "\n";
  out << "  propagation s   p50 " << fig(s, "", "staleness.propagation_p50_s", "%.2f") << "  p99 "
      << fig(s, "", "staleness.propagation_p99_s", "%.2f") << "  max "
      << fig(s, "", "staleness.propagation_max_s", "%.2f") << "\n";
  out << "  stale           views " << fig(s, "", "staleness.stale_view_fraction", "%.2f%%", 100)
      << " (time-averaged share of views), routes "
      << fig(s, "", "staleness.stale_route_rate", "%.3f%%", 100) << " of tries\n";
  out << client_lines(s);
  out << "  control plane   " << num(at(s, "control_plane.messages_per_s"), "%.1f") << " msg/s, "
      << num(at(s, "control_plane.bytes_per_s"), "%.1f", 1e-3) << " kB/s\n";
  out << "  load            imbalance CV " << num(at(s, "load.imbalance_cv"), "%.3f") << "\n";
  out << "  perf            " << num(at(s, "perf.wall_s"), "%.2f") << " s wall, "
      << num(at(s, "perf.events"), "%.0f") << " events, " << num(at(s, "perf.peak_rss_mb"), "%.0f")
      << " MB peak RSS\n";
  out << "  results         " << folder << "\n";
  return out.str();
}

}  // namespace discolab
