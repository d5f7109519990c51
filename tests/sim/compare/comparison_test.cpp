#include "sim/compare/comparison.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <vector>

using namespace discolab::compare;

namespace {
nlohmann::json summary(double failure_rate, double p99) {
  return {{"requests", {{"failure_rate", failure_rate}}}, {"latency_ms", {{"p99", p99}}}};
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
  const auto& cs = row(rows, "client-side", "latency_ms.p99");
  CHECK(cs.value.n == 2);
  CHECK(cs.value.mean == Approx(12.0));
  // s = 4/sqrt(2); half-width = t(0.975,1) * s / sqrt(2) = 12.7062 * 2.
  CHECK(cs.value.half_width == Approx(12.7062 * 2.0).epsilon(1e-4));
  const auto& d = row(rows, "dns", "requests.failure_rate");
  CHECK(d.value.n == 1);
  CHECK(std::isnan(d.value.half_width));
  // A figure no run reported has n = 0.
  CHECK(row(rows, "dns", "staleness_s.propagation_p99").value.n == 0);
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
  CHECK(line == "pattern,figure,unit,better,n,mean,ci95_low,ci95_high,half_width,stdev");
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  CHECK(rows.size() == discolab::metrics::comparison_figures().size());
  // One sample: a mean, no interval; a figure absent from the summary: n = 0, nothing else.
  CHECK(std::count(rows.begin(), rows.end(),
                   "client-side,requests.failure_rate,fraction,lower,1,0.5,,,,") == 1);
  CHECK(std::count(rows.begin(), rows.end(),
                   "client-side,user.requests.failure_rate,fraction,lower,0,,,,,") == 1);
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
