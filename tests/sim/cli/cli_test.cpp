#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.h"

using namespace discolab::testing;
using nlohmann::json;

namespace {
json summary_without_perf(const std::filesystem::path& folder) {
  json s = json::parse(read_file(folder / "summary.json"));
  s.erase("perf");
  return s;
}
}  // namespace

TEST_CASE("the same scenario and seed give identical results files", "[cli][determinism]") {
  const auto a = scratch("det-a"), b = scratch("det-b");
  const auto ra = run_discolab(
      "run scenarios/quickstart.yaml --pattern client-side --seed 7 --quiet --out " + a.string());
  const auto rb = run_discolab(
      "run scenarios/quickstart.yaml --pattern client-side --seed 7 --quiet --out " + b.string());
  REQUIRE(ra.exit_code == 0);
  REQUIRE(rb.exit_code == 0);
  CHECK(read_file(a / "timeseries.csv") == read_file(b / "timeseries.csv"));
  CHECK(read_file(a / "events.csv") == read_file(b / "events.csv"));
  CHECK(read_file(a / "scenario.resolved.yaml") == read_file(b / "scenario.resolved.yaml"));
  // Only the perf block (wall time, memory) may differ; the text outside it is identical.
  CHECK(summary_without_perf(a).dump() == summary_without_perf(b).dump());
  const json s = json::parse(read_file(a / "summary.json"));
  CHECK(s["seed"] == 7);
  CHECK(s["pattern"] == "client-side");
  CHECK(s["engine"] == "fast");
  CHECK(s["requests"]["total"].get<double>() > 100000);

  // And another seed gives other results.
  const auto c = scratch("det-c");
  REQUIRE(run_discolab("run scenarios/quickstart.yaml --seed 8 --quiet --out " + c.string())
              .exit_code == 0);
  CHECK(read_file(a / "timeseries.csv") != read_file(c / "timeseries.csv"));
}

TEST_CASE("a run prints its summary table and records what produced it", "[cli]") {
  const auto out = scratch("table");
  const auto r = run_discolab(
      "run scenarios/quickstart.yaml --set duration=1m --set metrics.warmup=10s --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("latency ms") != std::string::npos);
  CHECK(r.out.find(out.string()) != std::string::npos);
  CHECK(r.err.empty());  // no bar: stderr is not a terminal
  const std::string resolved = read_file(out / "scenario.resolved.yaml");
  CHECK(resolved.find("duration: 1m") != std::string::npos);
  CHECK(resolved.find("seed: 1") != std::string::npos);
  CHECK(resolved.find("engine: fast") != std::string::npos);
  const json s = json::parse(read_file(out / "summary.json"));
  CHECK(resolved.find(s["version"].get<std::string>()) != std::string::npos);
  for (const char* key : {"requests", "latency", "staleness", "control_plane", "load", "perf"}) {
    CHECK(s.contains(key));
  }
}

TEST_CASE("progress as JSON lines streams start, interval rows and done", "[cli][jsonl]") {
  const auto out = scratch("jsonl");
  const auto r = run_discolab(
      "run scenarios/quickstart.yaml --set duration=20s --set metrics.warmup=0s --quiet "
      "--progress jsonl --out " +
      out.string());
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<json> msgs;
  while (std::getline(lines, line)) msgs.push_back(json::parse(line));  // throws if not JSON
  REQUIRE(msgs.size() > 2);
  CHECK(msgs.front()["type"] == "start");
  // The start line comes before the setup and says how big the run is; once set up, the run
  // reports time 0 before the first interval.
  CHECK(msgs[0]["size"]["containers"].get<int>() > 0);
  CHECK(msgs[0]["estimated_wall_s"].get<double>() >= 0);
  CHECK(msgs[1]["type"] == "progress");
  CHECK(msgs[1]["t_s"] == 0);
  CHECK(msgs.back()["type"] == "done");
  CHECK(msgs.back()["summary"]["requests"]["total"].get<double>() > 0);
  int intervals = 0, crashes = 0;
  std::size_t groups = 0;  // in the last interval
  for (const auto& m : msgs) {
    INFO(m.dump());
    CHECK(m["protocol"] == 1);  // every line: docs/progress-protocol.md
    if (m["type"] == "churn") {
      crashes += m["kind"] == "crash" ? 1 : 0;
      CHECK(m["t_s"].get<double>() <= 20.0);
      CHECK(m["subject"].is_string());
    }
    if (m["type"] != "interval") continue;
    ++intervals;
    CHECK(m.contains("propagation_p99_s"));
    CHECK(m.contains("failed_timeout_per_s"));
    // The client groups' rows: users first, then the call graph's edges web->api and api->db
    // once their first caller opened; their completions add up.
    REQUIRE(!m["by_client"].empty());
    CHECK(m["by_client"][0]["client"] == "users");
    groups = m["by_client"].size();
    double completed = 0;
    for (const auto& g : m["by_client"]) completed += g["completed_per_s"].get<double>();
    CHECK(completed == Approx(m["completed_per_s"].get<double>()));
  }
  CHECK(intervals == 20);
  CHECK(groups == 3);
  CHECK(crashes >= 1);  // seed 1 crashes web-10 at 17.18 s
}

TEST_CASE("bad input exits with 2 and a message naming the problem", "[cli][errors]") {
  SECTION("an invalid scenario names file, line and column") {
    const auto r = run_discolab("validate tests/data/scenarios/bad/unknown_keys.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown_keys.yaml:") != std::string::npos);
    CHECK(r.err.find("did you mean") != std::string::npos);
  }
  SECTION("a missing file") {
    const auto r = run_discolab("run no/such/file.yaml");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no/such/file.yaml") != std::string::npos);
  }
  SECTION("an unknown pattern") {
    const auto r = run_discolab("run scenarios/quickstart.yaml --pattern mesh --out " +
                                scratch("mesh").string());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("mesh") != std::string::npos);
  }
  SECTION("an unknown engine") {
    const auto r = run_discolab("run scenarios/quickstart.yaml --engine warp");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("warp") != std::string::npos);
  }
  SECTION("a bad --set value") {
    const auto r =
        run_discolab("validate scenarios/quickstart.yaml --set services.web.replicas=many");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--set services.web.replicas") != std::string::npos);
  }
}

TEST_CASE("an existing results folder is never overwritten without --force", "[cli][folders]") {
  const auto out = scratch("existing");
  std::filesystem::create_directories(out);
  { std::ofstream(out / "keep.txt") << "precious"; }
  const auto r = run_discolab(
      "run scenarios/quickstart.yaml --set duration=10s --set metrics.warmup=0s --out " +
      out.string());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already exists") != std::string::npos);
  CHECK(read_file(out / "keep.txt") == "precious");
  CHECK_FALSE(std::filesystem::exists(out / "summary.json"));

  // --force does not make it replaceable: it is not a folder discolab wrote.
  const auto forced = run_discolab(
      "run scenarios/quickstart.yaml --set duration=10s --set metrics.warmup=0s --quiet --force "
      "--out " +
      out.string());
  CHECK(forced.exit_code == 2);
  CHECK(read_file(out / "keep.txt") == "precious");
  CHECK_FALSE(std::filesystem::exists(out / "summary.json"));
  // No staging folder is left beside it.
  for (const auto& e : std::filesystem::directory_iterator(out.parent_path())) {
    CHECK(e.path().filename().string().find(".partial-") == std::string::npos);
  }
}

TEST_CASE("validate reports a valid scenario and help works for every command", "[cli]") {
  const auto v = run_discolab("validate scenarios/quickstart.yaml");
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("valid") != std::string::npos);
  for (const char* cmd : {"--help", "run --help", "validate --help", "schema --help"}) {
    const auto h = run_discolab(cmd);
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("Usage") != std::string::npos);
  }
  const auto schema = run_discolab("schema");
  CHECK(schema.exit_code == 0);
  CHECK(schema.out ==
        read_file(std::filesystem::path(DISCOLAB_SOURCE_DIR) / "docs" / "scenario.md"));
}
