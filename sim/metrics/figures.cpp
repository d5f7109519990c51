#include "sim/metrics/figures.h"

#include <array>

namespace discolab::metrics {
namespace {

constexpr std::string_view kUserPrefix = "user.";

constexpr std::array<Figure, 19> kComparisonFigures{{
    {"user.requests.failure_rate", "fraction", "users: failed", Better::lower},
    {"user.latency_ms.p50", "ms", "users: latency p50", Better::lower},
    {"user.latency_ms.p99", "ms", "users: latency p99", Better::lower},
    {"requests.failure_rate", "fraction", "failed requests", Better::lower},
    {"requests.tries_per_request", "tries", "tries per request", Better::lower},
    {"latency_ms.mean", "ms", "latency mean", Better::lower},
    {"latency_ms.p50", "ms", "latency p50", Better::lower},
    {"latency_ms.p99", "ms", "latency p99", Better::lower},
    {"latency_ms.p999", "ms", "latency p99.9", Better::lower},
    {"staleness_s.propagation_p50", "s", "propagation p50", Better::lower},
    {"staleness_s.propagation_p99", "s", "propagation p99", Better::lower},
    {"staleness_s.propagation_max", "s", "propagation max", Better::lower},
    {"staleness_s.stale_view_fraction", "fraction", "stale views (time-avg)", Better::lower},
    {"staleness_s.stale_route_rate", "fraction", "stale routes", Better::lower},
    {"control_plane.messages_per_s", "1/s", "control msg/s", Better::lower},
    {"control_plane.bytes_per_s", "B/s", "control bytes/s", Better::lower},
    {"data_plane.messages_per_s", "1/s", "data msg/s", Better::neither},
    {"data_plane.messages_per_request", "msgs", "data msgs per request", Better::lower},
    {"load.imbalance_cv", "cv", "load imbalance", Better::lower},
}};

constexpr std::array<Figure, 4> kGroupFigures{{
    {"requests.failure_rate", "fraction", "failed", Better::lower},
    {"latency_ms.p50", "ms", "latency p50", Better::lower},
    {"latency_ms.p99", "ms", "latency p99", Better::lower},
    {"stale_route_rate", "fraction", "stale routes", Better::lower},
}};

const nlohmann::json* walk(const nlohmann::json* cur, std::string_view key) {
  while (!key.empty()) {
    const std::size_t dot = key.find('.');
    const std::string_view part = key.substr(0, dot);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(part);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    key = dot == std::string_view::npos ? std::string_view{} : key.substr(dot + 1);
  }
  return cur->is_number() ? cur : nullptr;
}

}  // namespace

std::span<const Figure> comparison_figures() { return kComparisonFigures; }

std::span<const Figure> group_figures() { return kGroupFigures; }

std::vector<std::string> group_names(const nlohmann::json& summary, std::string_view kind) {
  std::vector<std::string> names;
  auto it = summary.find(kind);
  if (it == summary.end() || !it->is_object()) return names;
  for (const auto& [name, value] : it->items()) names.push_back(name);
  return names;  // nlohmann::json objects iterate in key order
}

const nlohmann::json* group_figure_value(const nlohmann::json& summary, std::string_view kind,
                                         const std::string& name, std::string_view key) {
  auto groups = summary.find(kind);
  if (groups == summary.end() || !groups->is_object()) return nullptr;
  auto group = groups->find(name);
  if (group == groups->end()) return nullptr;
  return walk(&*group, key);
}

const nlohmann::json* figure_value(const nlohmann::json& summary, std::string_view key) {
  const nlohmann::json* cur = &summary;
  if (key.starts_with(kUserPrefix)) {  // the user-facing client group's own figures
    auto user = summary.find("user_facing_client");
    auto groups = summary.find("by_client");
    if (user == summary.end() || !user->is_string() || groups == summary.end() ||
        !groups->is_object())
      return nullptr;
    auto group = groups->find(user->get<std::string>());
    if (group == groups->end()) return nullptr;
    cur = &*group;
    key.remove_prefix(kUserPrefix.size());
  }
  return walk(cur, key);
}

std::string_view to_string(Better better) {
  switch (better) {
    case Better::lower:
      return "lower";
    case Better::higher:
      return "higher";
    case Better::neither:
      return "neither";
  }
  return "neither";
}

}  // namespace discolab::metrics
