#include "sim/compare/comparison.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <vector>

using namespace discolab::compare;

namespace {
nlohmann::json summary(double failure_rate, double p99) {
  return {{"requests", {{"failure_rate", failure_rate}}},
          {"latency", {{"p99_ms", p99}, {"samples", 400}}}};
}
const ComparisonRow& row(const std::vector<ComparisonRow>& rows, const std::string& pattern,
                         std::string_view key) {
  for (const auto& r : rows)
    if (r.pattern == pattern && r.figure->key == key) return r;
  FAIL("no row " << pattern << " " << key);
  throw;
}
}  // namespace

TEST_CASE("a comparison reduces each pattern's seeds to a mean and an interval", "[compare]") {
  Comparison c({"dns", "client-side"});
  c.add("client-side", 1, summary(0.01, 10));
  c.add("client-side", 2, summary(0.03, 14));
  c.add("dns", 1, summary(0.10, 20));
  const auto rows = c.rows();
  // Patterns in the order given, every figure for each.
  REQUIRE(!rows.empty());
  CHECK(rows.front().pattern == "dns");
  const auto& cs = row(rows, "client-side", "latency.p99_ms");
  CHECK(cs.value.n == 2);
  CHECK(cs.value.mean == Approx(12.0));
  // s = 4/sqrt(2); half-width = t(0.975,1) * s / sqrt(2) = 12.7062 * 2.
  CHECK(cs.value.half_width == Approx(12.7062 * 2.0).epsilon(1e-4));
  const auto& d = row(rows, "dns", "requests.failure_rate");
  CHECK(d.value.n == 1);
  CHECK(std::isnan(d.value.half_width));
  // A figure no run reported has n = 0.
  CHECK(row(rows, "dns", "staleness.propagation_p99_s").value.n == 0);
  CHECK(c.runs("client-side") == 2);
}

TEST_CASE("comparison.csv has one row per pattern and figure, undefined values empty",
          "[compare]") {
  Comparison c({"client-side"});
  c.add("client-side", 7, summary(0.5, 3));
  const std::string csv = comparison_csv(c.rows());
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line ==
        "pattern,figure,unit,better,n,samples,mean,ci95_low,ci95_high,half_width,stdev,interval");
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  CHECK(rows.size() == discolab::metrics::comparison_figures().size());
  // One sample: a mean, no interval; a figure absent from the summary: n = 0, nothing else;
  // samples only for a percentile.
  CHECK(std::count(rows.begin(), rows.end(),
                   "client-side,requests.failure_rate,fraction,lower,1,,0.5,,,,,") == 1);
  CHECK(std::count(rows.begin(), rows.end(),
                   "client-side,user.requests.failure_rate,fraction,lower,0,,,,,,,") == 1);
  CHECK(std::count(rows.begin(), rows.end(), "client-side,latency.p99_ms,ms,lower,1,400,3,,,,,") ==
        1);
  CHECK(std::count(rows.begin(), rows.end(), "client-side,latency.p50_ms,ms,lower,0,400,,,,,,") ==
        1);
}

TEST_CASE("the side-by-side table has a column per pattern with its run count", "[compare]") {
  Comparison c({"client-side", "dns"});
  c.add("client-side", 1, summary(0.01, 10));
  c.add("client-side", 2, summary(0.03, 14));
  const std::string t = comparison_table(c);
  CHECK(t.find("client-side (n=2)") != std::string::npos);
  CHECK(t.find("dns (n=0)") != std::string::npos);
  CHECK(t.find("12 ± ") != std::string::npos);      // latency p99 mean 12
  CHECK(t.find("2.000% ± ") != std::string::npos);  // failure rate mean 2 %
}

TEST_CASE("every client group and service any run reported gets its own figures", "[compare]") {
  const auto grouped = [](double web_api_failures, bool with_edge) {
    nlohmann::json s = summary(0.1, 5);
    s["by_client"]["users"] = {{"requests", {{"failure_rate", 0.1}}},
                               {"latency", {{"p99_ms", 5.0}}}};
    if (with_edge)
      s["by_client"]["web->api"] = {{"requests", {{"failure_rate", web_api_failures}}},
                                    {"latency", {{"p99_ms", 2.0}}}};
    s["by_service"]["db.v2"] = {{"stale_route_rate", 0.25}};  // a name with a dot
    s["user_facing_client"] = "users";
    return s;
  };
  Comparison c({"client-side", "dns"});
  c.add("client-side", 1, grouped(0.2, true));
  c.add("client-side", 2, grouped(0.4, true));
  c.add("dns", 1, grouped(0.0, false));  // dns saw no such edge
  const auto rows = c.rows();
  const auto& edge = row(rows, "client-side", "by_client.web->api.requests.failure_rate");
  CHECK(edge.value.n == 2);
  CHECK(edge.value.mean == Approx(0.3));
  CHECK(row(rows, "dns", "by_client.web->api.requests.failure_rate").value.n == 0);
  CHECK(row(rows, "dns", "by_service.db.v2.stale_route_rate").value.mean == Approx(0.25));
  // The printed table shows the client groups' failures and p99, not every service figure.
  const std::string table = comparison_table(c);
  CHECK_THAT(table, Catch::Contains("web->api: failed requests [%]"));
  CHECK_THAT(table, Catch::Contains("web->api: latency p99 [ms]"));
  // The user-facing group is shown once, by the "user." rows that lead the table.
  std::size_t users_rows = 0;
  for (std::size_t at = table.find("users: failed"); at != std::string::npos;
       at = table.find("users: failed", at + 1))
    ++users_rows;
  CHECK(users_rows == 1);
  CHECK_THAT(table, !Catch::Contains("db.v2"));
  CHECK_THAT(comparison_csv(rows),
             Catch::Contains("client-side,by_service.db.v2.stale_route_rate,fraction,lower,2"));
}

TEST_CASE("a percentile too few samples stand behind says so instead of a number", "[compare]") {
  // p99 needs n >= 368 (0.99^368 <= 0.025 < 0.99^367); 0.99^n for the neighbours of the rule:
  CHECK(std::pow(0.99, 368) <= 0.025);
  CHECK(std::pow(0.99, 367) > 0.025);
  Comparison c({"client-side", "dns"});
  // As summary.json writes it: the percentile null, its sample count there.
  c.add("client-side", 1, {{"latency", {{"p99_ms", nullptr}, {"samples", 12}}}});
  c.add("client-side", 2, {{"latency", {{"p99_ms", nullptr}, {"samples", 30}}}});
  c.add("dns", 1, {{"latency", {{"p99_ms", 7.0}, {"samples", 500}}}});
  const auto rows = c.rows();
  CHECK(row(rows, "client-side", "latency.p99_ms").samples == 42);
  CHECK(row(rows, "client-side", "latency.p99_ms").value.n == 0);
  const std::string table = comparison_table(c);
  std::istringstream lines(table);
  std::string line;
  bool seen = false;
  while (std::getline(lines, line)) {
    if (!line.starts_with("latency p99 [ms]")) continue;
    seen = true;
    CHECK_THAT(line, Catch::Contains("n=30 < 368"));
    CHECK_THAT(line, Catch::Contains("7"));
  }
  CHECK(seen);
}

namespace {
// A run's summary with the batch-means estimate of its mean latency (steady_state.h's shape).
nlohmann::json with_batch_means(double mean, double half_width, bool correlated) {
  nlohmann::json s = summary(0.01, 10);
  s["latency"]["mean_ms"] = mean + 0.5;  // the summary's own figure differs a little
  s["steady_state"]["latency_mean_ms"] = {{"mean", mean},
                                          {"ci95_low", mean - half_width},
                                          {"ci95_high", mean + half_width},
                                          {"half_width", half_width},
                                          {"batches", 20},
                                          {"lag1_autocorrelation", correlated ? 0.5 : 0.01},
                                          {"correlated", correlated}};
  return s;
}
}  // namespace

TEST_CASE("a pattern with one run shows the batch-means interval within it", "[compare]") {
  Comparison c({"dns", "client-side"});
  c.add("dns", 1, with_batch_means(8.0, 0.25, false));
  c.add("client-side", 1, with_batch_means(7.0, 0.5, true));
  c.add("client-side", 2, with_batch_means(9.0, 0.5, false));
  const auto rows = c.rows();
  const auto& one = row(rows, "dns", "latency.mean_ms");
  CHECK(one.interval == IntervalSource::batch_means);
  CHECK(one.value.n == 1);
  CHECK(one.value.mean == 8.0);
  CHECK(one.value.half_width == 0.25);
  CHECK(one.value.low == 7.75);
  CHECK(one.value.high == 8.25);
  CHECK_FALSE(one.correlated);
  // Two runs: the interval across seeds, from the summaries' own figure.
  const auto& two = row(rows, "client-side", "latency.mean_ms");
  CHECK(two.interval == IntervalSource::seeds);
  CHECK(two.value.mean == Approx(8.5));
  // A figure without a batch-means estimate keeps no interval.
  const auto& p99 = row(rows, "dns", "latency.p99_ms");
  CHECK(p99.interval == IntervalSource::none);
  CHECK(std::isnan(p99.value.half_width));

  const std::string table = comparison_table(c);
  CHECK(table.find("8 ± 0.25 ᵇ") != std::string::npos);
  CHECK(table.find("ᵇ: one run, the 95% batch-means interval") != std::string::npos);
  const std::string csv = comparison_csv(rows);
  CHECK(csv.find("dns,latency.mean_ms,ms,lower,1,,8,7.75,8.25,0.25,,batch-means\n") !=
        std::string::npos);
}

TEST_CASE("batch means whose batches are correlated are flagged in the table", "[compare]") {
  Comparison c({"dns"});
  c.add("dns", 1, with_batch_means(8.0, 0.25, true));
  const auto rows = c.rows();
  CHECK(row(rows, "dns", "latency.mean_ms").correlated);
  CHECK(comparison_table(c).find("8 ± 0.25 ᵇ!") != std::string::npos);
}

TEST_CASE("every figure with a batch-means estimate is a declared summary figure", "[compare]") {
  using namespace discolab::metrics;
  for (const SteadyStateFigure& f : kSteadyStateFigures) {
    INFO(f.figure);
    CHECK(find_figure(f.figure) != nullptr);
    CHECK(find_figure("steady_state." + std::string(f.name) + ".mean") != nullptr);
  }
}
