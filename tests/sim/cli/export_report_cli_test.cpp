// `discolab export` and `discolab report` end to end: the real binary on fixture stores.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "run_command.h"
#include "tests/sim/report/fixture_store.h"

using namespace discolab::testing;

TEST_CASE("export writes CSV or JSON lines to stdout or a file", "[cli][export]") {
  const auto dir = fixture_dir("cli-export");
  const auto db = (dir / "results.sqlite").string();
  write_fixture_store(db);
  auto r = run_discolab("export " + db);
  REQUIRE(r.exit_code == 0);
  CHECK(
      r.out.starts_with("run_key,point,pattern,seed,engine,status,dns.ttl,figure,value\n"
                        "k90,0,client-side,1,fast,ok,1,by_client.users.latency.p99_ms,12.5\n"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1 + 17 * 5 + 1);

  r = run_discolab("export " + db + " --format jsonl --wide -o " + (dir / "wide.jsonl").string());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::string wide = read_file(dir / "wide.jsonl");
  CHECK(std::count(wide.begin(), wide.end(), '\n') == 18);
  const auto first = nlohmann::json::parse(wide.substr(0, wide.find('\n')));
  CHECK(first["latency.p99_ms"] == 11.5);
  CHECK(first["latency.p999_ms"].is_null());
}

TEST_CASE("export names the file it cannot read", "[cli][export]") {
  const auto dir = fixture_dir("cli-export-bad");
  auto r = run_discolab("export " + (dir / "nope.sqlite").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir / "nope.sqlite").string() + ": no such file") != std::string::npos);

  std::ofstream(dir / "notes.txt") << "hello\n";
  r = run_discolab("export " + (dir / "notes.txt").string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not a discolab results store") != std::string::npos);

  { FixtureStore v2(dir / "v2.sqlite", {{"schema_version", "2"}}); }
  r = run_discolab("export " + (dir / "v2.sqlite").string() + " --format jsonl");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir / "v2.sqlite").string() + ": results store schema version '2'") !=
        std::string::npos);

  r = run_discolab("export " + (dir / "v2.sqlite").string() + " --format xml");
  CHECK(r.exit_code == 2);
}

TEST_CASE("report writes next to the store, and without gnuplot says why there are no plots",
          "[cli][report]") {
  const auto dir = fixture_dir("cli-report");
  write_fixture_store(dir / "results.sqlite");
  auto r =
      run_discolab("report " + dir.string() + " --figures latency.p99_ms,requests.failure_rate");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "report: " + (dir / "report").string() +
                     " (report.md, report.html, tables.csv; 2 tables, 2 plots)\n");
  CHECK(std::filesystem::exists(dir / "report" / "plots" / "requests.failure_rate-vs-dns.ttl.png"));

  // A PATH without gnuplot (the binary is run by its full path).
  const std::string path = std::getenv("PATH");
  ::setenv("PATH", "/nonexistent", 1);
  r = run_discolab("report " + (dir / "results.sqlite").string() + " --out " +
                   (dir / "tables-only").string());
  ::setenv("PATH", path.c_str(), 1);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("plots need gnuplot (Debian package gnuplot-nox)") != std::string::npos);
  CHECK(r.out.find("0 plots: gnuplot not found") != std::string::npos);

  r = run_discolab("report " + (dir / "results.sqlite").string() + " --figures latency.p98_ms");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--figures: latency.p98_ms") != std::string::npos);
}
