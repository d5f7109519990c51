// results.sqlite: a run's rows written and read back, a retried run replacing its rows, the
// figures and timeseries of a run folder, and merging (ok wins over failed, no duplicates).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/batch/results_store.h"
#include "sim/batch/run_results.h"
#include "sim/batch/store_identity.h"
#include "sim/batch/store_merge.h"
#include "sim/batch/store_schema.h"

using namespace discolab::batch;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const auto p =
      fs::temp_directory_path() / ("discolab-store-" + std::to_string(::getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

RunRecord record(const std::string& key, bool ok) {
  RunRecord r;
  r.run_key = key;
  r.plan_index = 3;
  r.point = 1;
  r.pattern = "dns";
  r.seed = 7;
  r.engine = "fast";
  r.scenario_hash = "h";
  r.version = "v";
  r.ok = ok;
  r.wall_s = 0.25;
  if (!ok) r.error = "boom";
  r.finished_utc = "2026-12-02T00:00:00Z";
  r.params = {{"dns.ttl", "5s", 5.0}, {"mode", "watch", std::nullopt}};
  if (ok) {
    r.figures = {{"latency.p99_ms", 12.5}, {"latency.p50_ms", std::nullopt}};
    r.timeseries = {{1.0, "stale_views", 0.5}, {2.0, "stale_views", std::nullopt}};
  }
  return r;
}

long count(ResultsStore& s, const std::string& sql) {
  Statement q = s.db().prepare(sql);
  REQUIRE(q.step());
  return static_cast<long>(q.integer(0));
}

Meta meta_of(const std::string& sweep_text) {
  return {{meta_key::schema_version, "1"},    {meta_key::discolab_version, "v"},
          {meta_key::sweep_text, sweep_text}, {meta_key::base_scenario_sha256, "s"},
          {meta_key::engine, "fast"},         {meta_key::shard, "1/2"}};
}

}  // namespace

TEST_CASE("a run's rows round-trip through the store", "[batch][store]") {
  const auto dir = scratch("roundtrip");
  {
    ResultsStore s(dir / "r.sqlite", true);
    s.set_meta({{"batch", "b"}});
    s.write_run(record("k1", true));
  }
  ResultsStore s(dir / "r.sqlite", false);
  CHECK(s.meta().at("batch") == "b");
  CHECK(s.statuses() == std::map<std::string, std::string>{{"k1", "ok"}});
  Statement run =
      s.db().prepare("SELECT plan_index, point, pattern, seed, engine, wall_s, error FROM runs");
  REQUIRE(run.step());
  CHECK(run.integer(0) == 3);
  CHECK(run.integer(1) == 1);
  CHECK(run.text(2) == "dns");
  CHECK(run.integer(3) == 7);
  CHECK(run.real(5) == 0.25);
  CHECK(run.is_null(6));
  Statement fig = s.db().prepare("SELECT figure, value FROM figures ORDER BY figure");
  REQUIRE(fig.step());
  CHECK(fig.text(0) == "latency.p50_ms");
  CHECK_FALSE(fig.real(1).has_value());
  REQUIRE(fig.step());
  CHECK(fig.real(1) == 12.5);
  CHECK(count(s, "SELECT count(*) FROM params WHERE num IS NULL AND value = 'watch'") == 1);
  CHECK(count(s, "SELECT count(*) FROM timeseries WHERE value IS NULL AND t_s = 2") == 1);
  Statement mode = s.db().prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
}

TEST_CASE("a retried run replaces its rows", "[batch][store]") {
  const auto dir = scratch("retry");
  ResultsStore s(dir / "r.sqlite", true);
  s.write_run(record("k1", false));
  CHECK(count(s, "SELECT count(*) FROM runs WHERE status = 'failed' AND error = 'boom'") == 1);
  CHECK(count(s, "SELECT count(*) FROM figures") == 0);
  s.write_run(record("k1", true));
  CHECK(count(s, "SELECT count(*) FROM runs") == 1);
  CHECK(count(s, "SELECT count(*) FROM params") == 2);
  CHECK(count(s, "SELECT count(*) FROM figures") == 2);
  s.write_run(record("k1", false));  // the cascade removes the figures of the replaced row
  CHECK(count(s, "SELECT count(*) FROM figures") == 0);
  CHECK(count(s, "SELECT count(*) FROM timeseries") == 0);
}

TEST_CASE("summary figures are the declared ones and timeseries.csv is read tidy",
          "[batch][store]") {
  const auto summary = nlohmann::json::parse(
      R"({"latency": {"p99_ms": 4.5, "p50_ms": null, "not_a_figure": 1},
          "by_client": {"users.eu": {"latency": {"p99_ms": 7}}}, "scenario": "x"})");
  const auto figures = summary_figures(summary);
  REQUIRE(figures.size() == 3);
  CHECK(figures[0].first == "by_client.users.eu.latency.p99_ms");
  CHECK(figures[0].second == 7.0);
  CHECK(figures[1].first == "latency.p50_ms");
  CHECK_FALSE(figures[1].second.has_value());
  const auto dir = scratch("csv");
  std::ofstream(dir / "timeseries.csv") << "t_s,a,\"b,c\"\n1,0.5,\n2,1e-3,3\n";
  const auto rows = read_timeseries_csv(dir / "timeseries.csv");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].column == "b,c");
  CHECK_FALSE(rows[1].value.has_value());
  CHECK(rows[2].t_s == 2.0);
  CHECK(rows[2].value == 0.001);
  std::ofstream(dir / "bad.csv") << "t_s,a\n1,x\n";
  CHECK_THROWS_WITH(read_timeseries_csv(dir / "bad.csv"), Catch::Contains("bad.csv:2"));
}

TEST_CASE("merge keeps one row per run, ok over failed, and refuses other batches",
          "[batch][store]") {
  const auto dir = scratch("merge");
  {
    ResultsStore a(dir / "a.sqlite", true), b(dir / "b.sqlite", true), c(dir / "c.sqlite", true);
    a.set_meta(meta_of("sweep"));
    b.set_meta(meta_of("sweep"));
    c.set_meta(meta_of("another sweep"));
    a.write_run(record("k1", false));
    a.write_run(record("k2", true));
    b.write_run(record("k1", true));
    b.write_run(record("k2", false));
    b.write_run(record("k3", true));
  }
  const MergeResult r = merge_stores(dir / "out.sqlite", {dir / "a.sqlite", dir / "b.sqlite"});
  CHECK(r.total == 3);
  CHECK(r.ok == 3);
  CHECK(r.replaced == 1);
  CHECK(r.duplicates == 1);
  ResultsStore out(dir / "out.sqlite", false);
  CHECK(out.statuses() ==
        std::map<std::string, std::string>{{"k1", "ok"}, {"k2", "ok"}, {"k3", "ok"}});
  CHECK(count(out, "SELECT count(*) FROM figures") == 6);
  CHECK(count(out, "SELECT count(*) FROM params") == 6);
  CHECK(out.meta().at(meta_key::shard).empty());
  CHECK(out.meta().at(meta_key::sweep_text) == "sweep");
  // Merging again changes nothing.
  CHECK(merge_stores(dir / "out.sqlite", {dir / "b.sqlite"}).duplicates == 3);
  CHECK(count(out, "SELECT count(*) FROM runs") == 3);
  CHECK_THROWS_WITH(merge_stores(dir / "x.sqlite", {dir / "a.sqlite", dir / "c.sqlite"}),
                    Catch::Contains("another sweep") && Catch::Contains("c.sqlite"));
  CHECK_FALSE(fs::exists(dir / "x.sqlite"));
  CHECK_THROWS_AS(merge_stores(dir / "y.sqlite", {dir / "missing.sqlite"}), std::invalid_argument);
}
