// Reading a results store: plan order, parameters and figures, and every way a file can fail
// to be one.
#include "sim/report/results_store.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/sim/report/fixture_store.h"

using namespace discolab;
using namespace discolab::testing;

namespace {

std::string load_error(const std::filesystem::path& path) {
  try {
    report::load_results_store(path);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a store is read whole, runs in plan order", "[report][store]") {
  const auto dir = fixture_dir("store");
  const std::size_t runs = write_fixture_store(dir / "results.sqlite");
  const report::ResultsStore store = report::load_results_store(dir / "results.sqlite");
  REQUIRE(store.runs.size() == runs);
  for (std::size_t i = 0; i < runs; ++i) CHECK(store.runs[i].plan_index == std::int64_t(i));
  CHECK(store.runs.front().run_key == "k90");  // run keys run backwards: plan order wins
  CHECK(store.meta_value("batch") == "fixture");
  CHECK(store.meta_value("no such key", "x") == "x");
  CHECK(store.param_names == std::vector<std::string>{"dns.ttl"});
  CHECK(store.figure_keys == std::vector<std::string>{"by_client.users.latency.p99_ms",
                                                      "latency.p999_ms", "latency.p99_ms",
                                                      "requests.failure_rate",
                                                      "staleness.propagation_p99_s"});
  const report::StoredRun& last = store.runs.back();
  CHECK(last.status == "failed");
  CHECK(last.error == kFixtureError);
  CHECK(last.figures.empty());
  CHECK(last.params.at("dns.ttl").text == "100s");
  CHECK(*last.params.at("dns.ttl").num == 100.0);
  const report::StoredRun& first = store.runs.front();
  CHECK(first.ok());
  CHECK(first.pattern == "client-side");
  CHECK(first.seed == 1);
  CHECK(*first.figures.at("latency.p99_ms") == 10 + 0.5 + 1);
  CHECK_FALSE(first.figures.at("latency.p999_ms").has_value());
  // The batch folder names its store too.
  CHECK(report::load_results_store(dir).runs.size() == runs);
}

TEST_CASE("a seed above 2^63 - 1 reads back whole", "[report][store]") {
  const auto dir = fixture_dir("big-seed");
  {
    FixtureStore store(dir / "results.sqlite", {});
    FixtureRun r;
    r.run_key = "a";
    r.pattern = "client-side";
    r.seed = 18446744073709551615ull;
    store.add(r);
  }
  CHECK(report::load_results_store(dir / "results.sqlite").runs.at(0).seed ==
        18446744073709551615ull);
}

TEST_CASE("files that are not a readable store are refused, naming the file", "[report][store]") {
  const auto dir = fixture_dir("bad");
  std::string e = load_error(dir / "missing.sqlite");
  CHECK(e.find((dir / "missing.sqlite").string()) != std::string::npos);
  CHECK(e.find("no such file") != std::string::npos);

  e = load_error(dir);  // a folder without results.sqlite
  CHECK(e.find("without results.sqlite") != std::string::npos);

  std::ofstream(dir / "text.sqlite") << "run_key,value\nabc,1\n";
  e = load_error(dir / "text.sqlite");
  CHECK(e.find((dir / "text.sqlite").string()) != std::string::npos);
  CHECK(e.find("not a discolab results store") != std::string::npos);

  {
    FixtureStore other(dir / "other.sqlite", {});
    other.exec("DROP TABLE meta");
  }
  e = load_error(dir / "other.sqlite");
  CHECK(e.find("not a discolab results store (it has no meta table)") != std::string::npos);

  {
    FixtureStore s(dir / "no-version.sqlite", {});
    s.exec("DELETE FROM meta WHERE key = 'schema_version'");
  }
  e = load_error(dir / "no-version.sqlite");
  CHECK(e.find("meta has no schema_version") != std::string::npos);

  { FixtureStore v2(dir / "v2.sqlite", {{"schema_version", "2"}}); }
  e = load_error(dir / "v2.sqlite");
  CHECK(e.find((dir / "v2.sqlite").string()) != std::string::npos);
  CHECK(e.find("schema version '2'; this discolab reads version 1") != std::string::npos);
}
