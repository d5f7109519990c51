#include "sim/metrics/figures.h"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace discolab::metrics {
namespace {

constexpr std::string_view kUserPrefix = "user.";

constexpr std::array<std::string_view, 19> kComparisonKeys{
    "user.requests.failure_rate",
    "user.latency.p50_ms",
    "user.latency.p99_ms",
    "requests.failure_rate",
    "requests.tries_per_request",
    "latency.mean_ms",
    "latency.p50_ms",
    "latency.p99_ms",
    "latency.p999_ms",
    "staleness.propagation_p50_s",
    "staleness.propagation_p99_s",
    "staleness.propagation_max_s",
    "staleness.stale_view_fraction",
    "staleness.stale_route_rate",
    "control_plane.messages_per_s",
    "control_plane.bytes_per_s",
    "data_plane.messages_per_s",
    "data_plane.messages_per_request",
    "load.imbalance_cv",
};

constexpr std::array<std::string_view, 4> kGroupKeys{
    "requests.failure_rate",
    "latency.p50_ms",
    "latency.p99_ms",
    "stale_route_rate",
};

std::vector<DeclaredFigure> build_all() {
  std::vector<DeclaredFigure> all;
  for (const FigureScope& scope : kScopes) {
    for (const Figure& f : scope.block->figures) {
      DeclaredFigure d;
      d.key = std::string(scope.prefix) + std::string(f.key);
      if (!f.samples.empty()) d.samples_key = std::string(scope.prefix) + std::string(f.samples);
      d.label = std::string(scope.label) + std::string(f.label);
      d.figure = &f;
      d.scope = &scope;
      all.push_back(std::move(d));
    }
  }
  return all;
}

const std::vector<DeclaredFigure>& all_declared() {
  static const std::vector<DeclaredFigure> all = build_all();
  return all;
}

std::vector<ComparedFigure> build_compared() {
  std::vector<ComparedFigure> out;
  for (const std::string_view key : kComparisonKeys) {
    const bool user = key.starts_with(kUserPrefix);
    const std::string lookup =
        user ? "by_client.<group>." + std::string(key.substr(kUserPrefix.size()))
             : std::string(key);
    const DeclaredFigure* d = nullptr;
    for (const DeclaredFigure& f : all_declared())
      if (f.key == lookup && f.file() == kSummary) d = &f;
    if (d == nullptr) throw std::logic_error("compared figure not declared: " + std::string(key));
    const std::string& label = d->label;
    out.push_back({std::string(key), user ? "users: " + label : label, d});
  }
  return out;
}

// Walks a concrete dotted key down `cur`; a child's name may itself hold dots.
const nlohmann::json* walk_any(const nlohmann::json* cur, std::string_view key) {
  if (key.empty()) return cur;
  if (!cur->is_object()) return nullptr;
  for (std::size_t dot = key.find('.');; dot = key.find('.', dot + 1)) {
    const std::string_view part = key.substr(0, dot);
    if (auto it = cur->find(part); it != cur->end()) {
      if (dot == std::string_view::npos) return &*it;
      if (const nlohmann::json* found = walk_any(&*it, key.substr(dot + 1))) return found;
    }
    if (dot == std::string_view::npos) return nullptr;
  }
}

const nlohmann::json* number_at(const nlohmann::json* root, std::string_view key) {
  const nlohmann::json* v = walk_any(root, key);
  return v != nullptr && v->is_number() ? v : nullptr;
}

// "user.<rest>" → "by_client.<user-facing>.<rest>"; other keys as they are ("" if no user).
std::string concrete_key(const nlohmann::json& summary, std::string_view key) {
  if (!key.starts_with(kUserPrefix)) return std::string(key);
  auto user = summary.find("user_facing_client");
  if (user == summary.end() || !user->is_string()) return "";
  return "by_client." + user->get<std::string>() + "." +
         std::string(key.substr(kUserPrefix.size()));
}

}  // namespace

std::span<const DeclaredFigure> all_figures() { return all_declared(); }

bool key_matches(std::string_view pattern, std::string_view key) {
  const std::size_t open = pattern.find('<');
  if (open == std::string_view::npos) return pattern == key;
  if (key.substr(0, open) != pattern.substr(0, open)) return false;
  const std::size_t close = pattern.find('>', open);
  const std::string_view rest = pattern.substr(close + 1);
  // The name takes one or more characters; try every split.
  for (std::size_t end = open + 1; end <= key.size(); ++end)
    if (key_matches(rest, key.substr(end))) return true;
  return false;
}

const DeclaredFigure* find_figure(std::string_view key, std::string_view file) {
  // The most literal pattern wins: "staleness.by_change.<change>.x" over a deeper family.
  const DeclaredFigure* best = nullptr;
  std::size_t best_literal = 0;
  for (const DeclaredFigure& d : all_declared()) {
    if (d.file() != file || !key_matches(d.key, key)) continue;
    std::size_t literal = d.key.size();
    for (std::size_t p = d.key.find('<'); p != std::string::npos; p = d.key.find('<', p + 1))
      literal -= d.key.find('>', p) - p + 1;
    if (best == nullptr || literal > best_literal) {
      best = &d;
      best_literal = literal;
    }
  }
  return best;
}

std::uint64_t min_samples(double quantile) {
  // The order-statistic interval (x₍r₎, x₍s₎) covers the q-quantile with probability
  // 1 − q^n − (1 − q)^n at best (r = 1, s = n); each tail must be at most 2.5 %.
  const double p = std::max(quantile, 1.0 - quantile);
  return static_cast<std::uint64_t>(std::ceil(std::log(0.025) / std::log(p)));
}

double percentile_or_nan(const Figure& figure, std::uint64_t n, double value) {
  if (figure.quantile <= 0.0) return value;
  return n < min_samples(figure.quantile) ? std::numeric_limits<double>::quiet_NaN() : value;
}

std::span<const ComparedFigure> comparison_figures() {
  static const std::vector<ComparedFigure> figures = build_compared();
  return figures;
}

std::span<const std::string_view> group_figure_keys() { return kGroupKeys; }

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
  return number_at(&*group, key);
}

const nlohmann::json* figure_value(const nlohmann::json& summary, std::string_view key) {
  const std::string concrete = concrete_key(summary, key);
  return concrete.empty() ? nullptr : number_at(&summary, concrete);
}

const nlohmann::json* sample_count(const nlohmann::json& summary, std::string_view key) {
  const std::string concrete = concrete_key(summary, key);
  const DeclaredFigure* d = concrete.empty() ? nullptr : find_figure(concrete);
  if (d == nullptr || d->samples_key.empty()) return nullptr;
  const std::string_view leaf = d->figure->key;  // the figure is the key's last segment(s)
  const std::string samples =
      concrete.substr(0, concrete.size() - leaf.size()) + std::string(d->figure->samples);
  return number_at(&summary, samples);
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
