// `discolab export`'s tables: tidy and wide CSV and JSON lines, checked cell by cell against
// the fixture's formulas (fixture_store.h).
#include <catch2/catch.hpp>
#include <charconv>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/report/export_table.h"
#include "tests/sim/report/fixture_store.h"

using namespace discolab;
using namespace discolab::testing;

namespace {

std::string num(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

struct ExpectedRun {
  std::string key, pattern;
  int plan, point, seed;
  double ttl;
  bool failed;
};

// The fixture's runs, from its description rather than from the store.
std::vector<ExpectedRun> expected_runs() {
  std::vector<ExpectedRun> out;
  int plan = 0;
  for (int point = 0; point < 3; ++point)
    for (const std::string pattern : {"client-side", "server-side"})
      for (int seed = 1; seed <= 3; ++seed, ++plan)
        out.push_back({"k" + std::to_string(90 - plan), pattern, plan, point, seed,
                       point == 0   ? 1.0
                       : point == 1 ? 10.0
                                    : 100.0,
                       point == 2 && pattern == "server-side" && seed == 3});
  return out;
}

// The figures of an ok run, sorted by key, "" for undefined.
std::vector<std::pair<std::string, std::string>> expected_figures(const ExpectedRun& r) {
  const double p99 = fixture_base(r.pattern) + r.ttl / 2 + r.seed;
  return {{"by_client.users.latency.p99_ms", num(p99 + 1)},
          {"latency.p999_ms", ""},
          {"latency.p99_ms", num(p99)},
          {"requests.failure_rate", num(0.01 * r.seed)},
          {"staleness.propagation_p99_s", r.seed == 1 ? "" : num(r.ttl + 0.1 * r.seed)}};
}

std::string run_prefix(const ExpectedRun& r) {
  return r.key + "," + std::to_string(r.point) + "," + r.pattern + "," + std::to_string(r.seed) +
         ",fast," + (r.failed ? "failed" : "ok") + "," + num(r.ttl) + ",";
}

report::ResultsStore fixture(const std::string& name) {
  const auto dir = fixture_dir(name);
  write_fixture_store(dir / "results.sqlite");
  return report::load_results_store(dir / "results.sqlite");
}

}  // namespace

TEST_CASE("tidy CSV: a row per run and figure, a failed run once without figures",
          "[report][export]") {
  std::string expected = "run_key,point,pattern,seed,engine,status,dns.ttl,figure,value\n";
  for (const ExpectedRun& r : expected_runs()) {
    if (r.failed) {
      expected += run_prefix(r) + ",\n";
      continue;
    }
    for (const auto& [figure, value] : expected_figures(r))
      expected += run_prefix(r) + figure + "," + value + "\n";
  }
  const std::string csv = report::to_csv(report::tidy_table(fixture("tidy")));
  CHECK(csv == expected);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 17 * 5 + 1);
}

TEST_CASE("wide CSV: a row per run, a column per figure", "[report][export]") {
  std::string expected =
      "run_key,point,pattern,seed,engine,status,dns.ttl,by_client.users.latency.p99_ms,"
      "latency.p999_ms,latency.p99_ms,requests.failure_rate,staleness.propagation_p99_s\n";
  for (const ExpectedRun& r : expected_runs()) {
    std::string line = run_prefix(r);
    line.pop_back();
    for (const auto& [figure, value] : expected_figures(r)) line += "," + (r.failed ? "" : value);
    expected += line + "\n";
  }
  CHECK(report::to_csv(report::wide_table(fixture("wide"))) == expected);
}

TEST_CASE("JSON lines: one object per row, numbers as numbers, undefined as null",
          "[report][export]") {
  const report::ResultsStore store = fixture("jsonl");
  std::istringstream lines(report::to_jsonl(report::tidy_table(store)));
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == 17 * 5 + 1);
  const nlohmann::json& first = rows.front();
  CHECK(first["run_key"] == "k90");
  CHECK(first["point"] == 0);
  CHECK(first["seed"] == 1);
  CHECK(first["dns.ttl"] == 1.0);
  CHECK(first["figure"] == "by_client.users.latency.p99_ms");
  CHECK(first["value"] == 10 + 0.5 + 1 + 1);
  CHECK(rows[1]["figure"] == "latency.p999_ms");
  CHECK(rows[1]["value"].is_null());
  const nlohmann::json& failed = rows.back();
  CHECK(failed["status"] == "failed");
  CHECK(failed["figure"].is_null());
  CHECK(failed["value"].is_null());
  // Keys in column order.
  std::vector<std::string> keys;
  for (const auto& [k, v] : first.items()) keys.push_back(k);
  CHECK(keys.size() == 9);

  std::istringstream wide(report::to_jsonl(report::wide_table(store)));
  std::string line;
  std::getline(wide, line);
  const auto w = nlohmann::json::parse(line);
  CHECK(w["latency.p99_ms"] == 10 + 0.5 + 1);
  CHECK(w["staleness.propagation_p99_s"].is_null());
}

TEST_CASE("a text parameter is quoted as RFC 4180 says, a clashing name gets param.",
          "[report][export]") {
  const auto dir = fixture_dir("quoting");
  {
    FixtureStore store(dir / "results.sqlite", {});
    FixtureRun r;
    r.run_key = "a";
    r.pattern = "client-side";
    r.seed = 4;
    r.params = {{"seed", "x,\"y\"", std::nullopt}, {"note", "two\nlines", std::nullopt}};
    r.figures["latency.p99_ms"] = 2.5;
    store.add(r);
  }
  const report::ResultsStore store = report::load_results_store(dir / "results.sqlite");
  CHECK(report::to_csv(report::tidy_table(store)) ==
        "run_key,point,pattern,seed,engine,status,note,param.seed,figure,value\n"
        "a,0,client-side,4,fast,ok,\"two\nlines\",\"x,\"\"y\"\"\",latency.p99_ms,2.5\n");
  const auto row = nlohmann::json::parse(report::to_jsonl(report::tidy_table(store)));
  CHECK(row["param.seed"] == "x,\"y\"");
  CHECK(row["seed"] == 4);
}
