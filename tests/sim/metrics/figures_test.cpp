#include "sim/metrics/figures.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>
#include <string>

using namespace discolab::metrics;

TEST_CASE("figure values are found by dotted path, numbers only", "[figures]") {
  const auto s = nlohmann::json::parse(
      R"({"latency": {"p99_ms": 12.5, "p50_ms": null}, "requests": {"failure_rate": 0}, "name": "x"})");
  REQUIRE(figure_value(s, "latency.p99_ms") != nullptr);
  CHECK(figure_value(s, "latency.p99_ms")->get<double>() == 12.5);
  CHECK(figure_value(s, "requests.failure_rate")->get<double>() == 0.0);
  CHECK(figure_value(s, "latency.p50_ms") == nullptr);  // undefined in that run
  CHECK(figure_value(s, "latency.p90_ms") == nullptr);  // absent
  CHECK(figure_value(s, "name") == nullptr);            // not a number
  CHECK(figure_value(s, "name.x") == nullptr);
}

TEST_CASE("user. figures read the user-facing client group", "[figures]") {
  const auto s = nlohmann::json::parse(R"({"user_facing_client": "users",
      "by_client": {"users": {"latency": {"p99_ms": 7, "samples": 400}},
                    "bots": {"latency": {"p99_ms": 9}}},
      "latency": {"p99_ms": 8}})");
  REQUIRE(figure_value(s, "user.latency.p99_ms") != nullptr);
  CHECK(figure_value(s, "user.latency.p99_ms")->get<double>() == 7);
  CHECK(figure_value(s, "latency.p99_ms")->get<double>() == 8);
  REQUIRE(sample_count(s, "user.latency.p99_ms") != nullptr);
  CHECK(sample_count(s, "user.latency.p99_ms")->get<int>() == 400);
  CHECK(sample_count(s, "latency.p99_ms") == nullptr);         // no samples key in this summary
  CHECK(sample_count(s, "requests.failure_rate") == nullptr);  // not a percentile
  auto other = s;
  other["user_facing_client"] = "nobody";
  CHECK(figure_value(other, "user.latency.p99_ms") == nullptr);
  other.erase("user_facing_client");
  CHECK(figure_value(other, "user.latency.p99_ms") == nullptr);
}

TEST_CASE("group names may hold dots", "[figures]") {
  const auto s = nlohmann::json::parse(
      R"({"by_service": {"db.v2": {"latency": {"p50_ms": 3, "samples": 10}}}})");
  REQUIRE(figure_value(s, "by_service.db.v2.latency.p50_ms") != nullptr);
  CHECK(figure_value(s, "by_service.db.v2.latency.p50_ms")->get<double>() == 3);
  REQUIRE(sample_count(s, "by_service.db.v2.latency.p50_ms") != nullptr);
  CHECK(sample_count(s, "by_service.db.v2.latency.p50_ms")->get<int>() == 10);
}

TEST_CASE("concrete keys find the figure they are an instance of", "[figures]") {
  CHECK(key_matches("by_client.<group>.latency.p99_ms", "by_client.web->api.latency.p99_ms"));
  CHECK_FALSE(key_matches("by_client.<group>.latency.p99_ms", "by_client..latency.p99_ms"));
  CHECK_FALSE(key_matches("latency.p99_ms", "latency.p99"));
  const DeclaredFigure* d =
      find_figure("staleness.by_component.client.by_change.ready.propagation_p50_s");
  REQUIRE(d != nullptr);
  CHECK(d->key == "staleness.by_component.<kind>.by_change.<change>.propagation_p50_s");
  CHECK(d->samples_key == "staleness.by_component.<kind>.by_change.<change>.propagation_pairs");
  d = find_figure("requests.failed_by_cause.refused");
  REQUIRE(d != nullptr);
  CHECK(d->figure->unit == "requests");
  CHECK(find_figure("latency_ms.p99") == nullptr);
  CHECK(find_figure("t_s", "timeseries.csv") != nullptr);
  CHECK(find_figure("t_s") == nullptr);
}

TEST_CASE("the sample rule: the least n whose order statistics give a 95% interval", "[figures]") {
  // Derived by counting: the least n with max(q, 1 − q)^n ≤ 0.025.
  for (const double q : {0.5, 0.9, 0.99, 0.999, 0.25}) {
    INFO(q);
    std::uint64_t n = 1;
    while (std::pow(std::max(q, 1 - q), static_cast<double>(n)) > 0.025) ++n;
    CHECK(min_samples(q) == n);
  }
  CHECK(min_samples(0.5) == 6);
  CHECK(min_samples(0.9) == 36);
  CHECK(min_samples(0.99) == 368);
  CHECK(min_samples(0.999) == 3688);
  const Figure& p99 = figure_of(kLatencyBlock, "p99_ms");
  CHECK(std::isnan(percentile_or_nan(p99, 367, 5.0)));
  CHECK(percentile_or_nan(p99, 368, 5.0) == 5.0);
  CHECK(percentile_or_nan(figure_of(kLatencyBlock, "mean_ms"), 1, 5.0) == 5.0);
}

TEST_CASE("every figure is declared once, named by the naming rules", "[figures]") {
  std::set<std::pair<std::string, std::string>> keys;
  for (const DeclaredFigure& d : all_figures()) {
    INFO(d.file() << " " << d.key);
    CHECK(keys.insert({std::string(d.file()), d.key}).second);
    CHECK_FALSE(d.figure->label.empty());
    CHECK_FALSE(d.figure->definition.empty());
    const std::string_view unit = d.figure->unit;
    const std::string_view leaf = std::string_view(d.key).substr(d.key.rfind('.') + 1);
    // Times carry their unit in the leaf, rates end in _per_s; nothing else does.
    CHECK((unit == "ms") == leaf.ends_with("_ms"));
    CHECK((unit == "s") == (leaf.ends_with("_s") && !leaf.ends_with("_per_s")));
    CHECK(leaf.ends_with("_per_s") == unit.ends_with("/s"));
    // Groups carry no unit suffix.
    const std::string groups = d.key.substr(0, d.key.size() - leaf.size());
    CHECK(groups.find("_s.") == std::string::npos);
    CHECK(groups.find("_ms.") == std::string::npos);
    if (d.figure->quantile > 0) {
      // A percentile names its sample count, a declared count of the same scope.
      REQUIRE_FALSE(d.samples_key.empty());
      const DeclaredFigure* n = find_figure(d.samples_key, d.file());
      REQUIRE(n != nullptr);
      CHECK(n->scope == d.scope);
      CHECK(n->figure->quantile == 0);
    } else {
      CHECK(d.samples_key.empty());
    }
  }
}

TEST_CASE("the comparison figures name declared summary keys", "[figures]") {
  std::set<std::string> keys;
  for (const ComparedFigure& f : comparison_figures()) {
    INFO(f.key);
    CHECK(keys.insert(f.key).second);
    REQUIRE(f.declared != nullptr);
    CHECK(f.declared->file() == kSummary);
    CHECK(f.label == (f.key.starts_with("user.") ? "users: " : "") + f.declared->label);
  }
  // No two rows of the compare table read the same.
  std::set<std::string> labels;
  for (const ComparedFigure& f : comparison_figures()) CHECK(labels.insert(f.label).second);
  CHECK(keys.contains("requests.failure_rate"));
  CHECK(keys.contains("staleness.propagation_p99_s"));
  for (const std::string_view key : group_figure_keys()) {
    CHECK(find_figure("by_client.<group>." + std::string(key)) != nullptr);
    CHECK(find_figure("by_service.<service>." + std::string(key)) != nullptr);
  }
}

TEST_CASE("the reference lists every figure with its definition", "[figures]") {
  const std::string md = figures_markdown();
  const std::string list = figures_list();
  for (const DeclaredFigure& d : all_figures()) {
    INFO(d.key);
    CHECK_THAT(md, Catch::Contains("| `" + std::string(d.figure->key) + "` |"));
    CHECK_THAT(list, Catch::Contains("  " + d.key + " "));
  }
  for (const FigureScope& s : kScopes)
    if (!s.prefix.empty()) CHECK_THAT(md, Catch::Contains("- `" + std::string(s.prefix) + "`"));
  CHECK_THAT(md, Catch::Contains("`samples`, n ≥ 368"));
}
