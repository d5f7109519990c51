#include "sim/metrics/figures.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace discolab::metrics;

TEST_CASE("figure values are found by dotted path, numbers only", "[figures]") {
  const auto s = nlohmann::json::parse(
      R"({"latency_ms": {"p99": 12.5, "p50": null}, "requests": {"failure_rate": 0}, "name": "x"})");
  REQUIRE(figure_value(s, "latency_ms.p99") != nullptr);
  CHECK(figure_value(s, "latency_ms.p99")->get<double>() == 12.5);
  CHECK(figure_value(s, "requests.failure_rate")->get<double>() == 0.0);
  CHECK(figure_value(s, "latency_ms.p50") == nullptr);  // undefined in that run
  CHECK(figure_value(s, "latency_ms.p90") == nullptr);  // absent
  CHECK(figure_value(s, "name") == nullptr);            // not a number
  CHECK(figure_value(s, "name.x") == nullptr);
}

TEST_CASE("user. figures read the user-facing client group", "[figures]") {
  const auto s = nlohmann::json::parse(R"({"user_facing_client": "users",
      "by_client": {"users": {"latency_ms": {"p99": 7}}, "bots": {"latency_ms": {"p99": 9}}},
      "latency_ms": {"p99": 8}})");
  REQUIRE(figure_value(s, "user.latency_ms.p99") != nullptr);
  CHECK(figure_value(s, "user.latency_ms.p99")->get<double>() == 7);
  CHECK(figure_value(s, "latency_ms.p99")->get<double>() == 8);
  auto other = s;
  other["user_facing_client"] = "nobody";
  CHECK(figure_value(other, "user.latency_ms.p99") == nullptr);
  other.erase("user_facing_client");
  CHECK(figure_value(other, "user.latency_ms.p99") == nullptr);
}

TEST_CASE("the comparison figures are declared once each and name real summary keys", "[figures]") {
  std::set<std::string> keys;
  for (const Figure& f : comparison_figures()) {
    CHECK(keys.insert(std::string(f.key)).second);
    CHECK(!f.unit.empty());
    CHECK(!f.label.empty());
    // Keys under a seconds group hold seconds (or a fraction of views/tries, named as such).
    const std::string k(f.key);
    if (k.find("latency_ms.") != std::string::npos) CHECK(f.unit == "ms");
  }
  CHECK(keys.contains("requests.failure_rate"));
  CHECK(keys.contains("staleness_s.propagation_p99"));
}
