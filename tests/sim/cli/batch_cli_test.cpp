// `discolab batch` and `discolab merge` end to end: the real binary, its children, its store.
#include <catch2/catch.hpp>
#include <csignal>
#include <set>
#include <sstream>
#include <thread>

#include "background_run.h"
#include "run_command.h"
#include "sim/batch/sqlite_db.h"

using namespace discolab::testing;
using discolab::batch::Database;
using discolab::batch::Statement;
namespace fs = std::filesystem;

namespace {

const std::string kData = "tests/sim/batch/data/";

// The rows of a query, one line each, fields separated by tabs (NULL as \N).
std::string dump(const fs::path& store, const std::string& sql) {
  Database db(store, false);
  Statement q = db.prepare(sql);
  std::string out;
  while (q.step()) {
    for (int i = 0; i < q.columns(); ++i)
      out += (i ? "\t" : "") + (q.is_null(i) ? std::string("\\N") : q.text(i));
    out += "\n";
  }
  return out;
}

long count(const fs::path& store, const std::string& sql) { return std::stol(dump(store, sql)); }

// Everything a store holds but what measures the machine: wall times, finishing times and the
// perf.* figures (wall time, peak memory).
std::string content(const fs::path& store) {
  return dump(store,
              "SELECT run_key, plan_index, point, pattern, seed, engine, scenario_hash, version, "
              "status, error FROM runs ORDER BY run_key") +
         dump(store, "SELECT * FROM params ORDER BY run_key, name") +
         dump(store,
              "SELECT * FROM figures WHERE figure NOT LIKE 'perf.%' ORDER BY run_key, figure") +
         dump(store, "SELECT * FROM timeseries ORDER BY run_key, t_s, column") +
         dump(store,
              "SELECT key, value FROM meta WHERE key NOT IN ('created_utc', 'shard') "
              "ORDER BY key");
}

// The run keys of the plan, from --dry-run (plan order).
std::vector<std::string> plan_keys(const std::string& sweep) {
  const auto r = run_discolab("batch " + sweep + " --dry-run");
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> keys;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) keys.push_back(line.substr(line.find('\t') + 1, 64));
  return keys;
}

// Whether a process whose command line mentions `text` is alive.
bool process_mentions(const std::string& text) {
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string cmdline = read_file(e.path() / "cmdline");
    if (cmdline.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a batch killed with kill -9 resumes without losing or duplicating runs",
          "[cli][batch]") {
  const auto out = scratch("batch-kill");
  const fs::path store = out / "results.sqlite";
  const std::string sweep = kData + "resume.yaml";
  const auto keys = plan_keys(sweep);
  REQUIRE(keys.size() == 16);
  long before = 0;
  {
    BackgroundRun batch({"batch", sweep, "-j", "2", "--quiet", "--out", out.string()});
    REQUIRE(batch.wait_for(store));
    for (int i = 0; i < 3000 && before < 4; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      try {
        before = count(store, "SELECT count(*) FROM runs");
      } catch (const std::runtime_error&) {  // the file exists, its tables not yet
      }
    }
    batch.signal(SIGKILL);
    CHECK(batch.wait() == 256 + SIGKILL);
    before = count(store, "SELECT count(*) FROM runs");
  }
  // Its children die with it (they got SIGTERM from the kernel).
  bool orphans = true;
  for (int i = 0; i < 250 && orphans; ++i) {
    orphans = process_mentions((out / "runs").string());
    if (orphans) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK_FALSE(orphans);
  INFO("runs stored before kill -9: " << before);
  REQUIRE(before >= 4);
  REQUIRE(before < 16);
  const auto again = run_discolab("batch " + sweep + " -j 2 --out " + out.string());
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains(std::to_string(before) + " already stored ok, skipped"));
  // Every run of the plan exactly once, whole.
  std::set<std::string> stored;
  std::istringstream rows(dump(store, "SELECT run_key FROM runs WHERE status = 'ok'"));
  for (std::string key; std::getline(rows, key);) stored.insert(key);
  CHECK(stored == std::set<std::string>(keys.begin(), keys.end()));
  CHECK(count(store, "SELECT count(*) FROM runs") == 16);
  CHECK(count(store, "SELECT count(*) FROM params") == 16);
  CHECK(count(store, "SELECT count(DISTINCT run_key) FROM figures") == 16);
  CHECK(count(store, "SELECT count(DISTINCT run_key) FROM timeseries") == 16);
  CHECK_FALSE(fs::exists(out / "runs"));
  // A third time: nothing to do.
  const auto third = run_discolab("batch " + sweep + " --out " + out.string());
  CHECK(third.exit_code == 0);
  CHECK_THAT(third.err, Catch::Contains("0 of 16 runs to do (16 already stored ok"));
}

TEST_CASE("SIGTERM stops a batch, keeps what was stored, and a rerun resumes", "[cli][batch]") {
  const auto out = scratch("batch-term");
  const fs::path store = out / "results.sqlite";
  const std::string sweep = kData + "resume.yaml";
  {
    BackgroundRun batch({"batch", sweep, "-j", "2", "--out", out.string()});
    REQUIRE(batch.wait_for(store));
    long stored = 0;
    for (int i = 0; i < 3000 && stored < 2; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      try {
        stored = count(store, "SELECT count(*) FROM runs");
      } catch (const std::runtime_error&) {
      }
    }
    batch.signal(SIGTERM);
    const int code = batch.wait();
    if (count(store, "SELECT count(*) FROM runs") < 16) {  // it did not finish first
      CHECK(code == 128 + SIGTERM);
      CHECK_THAT(batch.err(), Catch::Contains("run the same command again to resume"));
    }
  }
  CHECK(count(store, "SELECT count(*) FROM runs WHERE status = 'failed'") == 0);
  REQUIRE(run_discolab("batch " + sweep + " -j 2 --quiet --out " + out.string()).exit_code == 0);
  CHECK(count(store, "SELECT count(*) FROM runs WHERE status = 'ok'") == 16);
}

TEST_CASE("shards 1/3, 2/3 and 3/3 merged equal the unsharded store", "[cli][batch]") {
  const auto out = scratch("batch-shards");
  const std::string sweep = kData + "small.yaml";
  REQUIRE(
      run_discolab("batch " + sweep + " -j 2 --quiet --out " + (out / "all").string()).exit_code ==
      0);
  std::string inputs;
  for (int k = 1; k <= 3; ++k) {
    const fs::path dir = out / ("shard" + std::to_string(k));
    const auto r = run_discolab("batch " + sweep + " --shard " + std::to_string(k) +
                                "/3 -j 2 --yes --quiet --out " + dir.string());
    REQUIRE(r.exit_code == 0);
    const fs::path store = dir / "results.sqlite";
    CHECK(dump(store, "SELECT value FROM meta WHERE key = 'shard'") == std::to_string(k) + "/3\n");
    CHECK(count(store,
                "SELECT count(*) FROM runs WHERE plan_index % 3 <> " + std::to_string(k - 1)) == 0);
    inputs += " " + store.string();
  }
  const fs::path merged = out / "merged.sqlite";
  const auto m = run_discolab("merge --out " + merged.string() + inputs);
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  CHECK_THAT(m.out, Catch::Contains("8 runs (8 ok, 0 failed)"));
  CHECK(count(merged, "SELECT count(*) FROM runs") == 8);
  CHECK(dump(merged, "SELECT value FROM meta WHERE key = 'shard'") == "\n");
  CHECK(content(merged) == content(out / "all" / "results.sqlite"));
}

TEST_CASE("a failed run is stored with its error, the batch goes on, and a rerun retries it",
          "[cli][batch]") {
  const auto out = scratch("batch-fail");
  const fs::path store = out / "results.sqlite";
  const std::string sweep = kData + "small.yaml";
  const auto keys = plan_keys(sweep);
  REQUIRE(keys.size() == 8);
  // Something that is not a run folder where run 1 writes: its child refuses to replace it.
  fs::create_directories(out / "runs");
  std::ofstream(out / "runs" / keys[1]) << "not a run folder\n";
  const auto r = run_discolab("batch " + sweep + " -j 2 --quiet --out " + out.string());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("run 1 (client-side, seed 1) failed"));
  CHECK_THAT(r.out, Catch::Contains("8 runs done (7 ok, 1 failed)"));
  CHECK(dump(store, "SELECT run_key, status FROM runs WHERE status = 'failed'") ==
        keys[1] + "\tfailed\n");
  CHECK_THAT(dump(store, "SELECT error FROM runs WHERE status = 'failed'"),
             Catch::Contains(keys[1]));
  CHECK(count(store, "SELECT count(*) FROM params WHERE run_key = '" + keys[1] + "'") == 1);
  CHECK(count(store, "SELECT count(*) FROM figures WHERE run_key = '" + keys[1] + "'") == 0);
  fs::remove(out / "runs" / keys[1]);
  const auto again = run_discolab("batch " + sweep + " -j 2 --quiet --out " + out.string());
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("1 of 8 runs to do (7 already stored ok, skipped; 1 "
                                        "failed before, retried)"));
  CHECK(count(store, "SELECT count(*) FROM runs WHERE status = 'ok' AND error IS NULL") == 8);
}

TEST_CASE("batch refuses a store of another sweep, scenario or version", "[cli][batch]") {
  const auto dir = scratch("batch-identity");
  fs::create_directories(dir);
  fs::copy_file(fs::path(DISCOLAB_SOURCE_DIR) / kData / "tiny.yaml", dir / "tiny.yaml");
  const std::string sweep_text =
      "name: one\nscenario: tiny.yaml\npatterns: [dns]\nseeds: 1\n"
      "parameters:\n  patterns.dns.dns.server.ttl: [2s]\n";
  std::ofstream(dir / "one.yaml") << sweep_text;
  const std::string args =
      "batch " + (dir / "one.yaml").string() + " --quiet --out " + (dir / "out").string();
  const fs::path store = dir / "out" / "results.sqlite";
  REQUIRE(run_discolab(args).exit_code == 0);

  std::ofstream(dir / "one.yaml") << sweep_text << "# changed\n";
  auto r = run_discolab(args);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("another sweep") && Catch::Contains("--new-store"));
  r = run_discolab(args + " --new-store");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("kept the old store as"));
  std::size_t stores = 0;
  for (const auto& e : fs::directory_iterator(dir / "out"))
    stores += e.path().extension() == ".sqlite";
  CHECK(stores == 2);

  std::ofstream(dir / "tiny.yaml", std::ios::app) << "# changed\n";
  r = run_discolab(args);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("tiny.yaml changed since the store was made"));

  {
    Database db(store, false);
    db.exec("UPDATE meta SET value = '0.0.0-other' WHERE key = 'discolab_version'");
  }
  r = run_discolab(args);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("written by discolab 0.0.0-other"));

  // A bad parameter fails before anything runs, at the sweep's line and column.
  std::ofstream(dir / "bad.yaml") << "scenario: tiny.yaml\nparameters:\n  services.web.replicas: "
                                     "[2, many]\n";
  r = run_discolab("batch " + (dir / "bad.yaml").string() + " --out " + (dir / "bad").string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.yaml:3:30: parameters.services.web.replicas:"));
  CHECK_FALSE(fs::exists(dir / "bad"));
}

TEST_CASE("batch --emit-slurm writes an array of shards and its merge, and runs nothing",
          "[cli][batch]") {
  const auto out = scratch("batch-emit-slurm");
  const std::string sweep = kData + "small.yaml";
  const auto r =
      run_discolab("batch " + sweep + " --emit-slurm " + (out / "slurm").string() +
                   " --shards 3 -j 2 --slurm-time 00:10:00 --slurm-option=--partition=short"
                   " --out " +
                   (out / "batch").string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("submit.sh"));
  const std::string array = read_file(out / "slurm" / "shards.sbatch");
  CHECK_THAT(array, Catch::Contains("#SBATCH --array=1-3"));
  CHECK_THAT(array, Catch::Contains("--time=00:10:00"));
  CHECK_THAT(array, Catch::Contains("--partition=short"));
  CHECK_THAT(array, Catch::Contains("--shard \"${SLURM_ARRAY_TASK_ID}/3\"") ||
                        Catch::Contains("--shard ${SLURM_ARRAY_TASK_ID}/3") ||
                        Catch::Contains("${SLURM_ARRAY_TASK_ID}/3"));
  CHECK_THAT(array, Catch::Contains(fs::absolute(DISCOLAB_SOURCE_DIR + ("/" + sweep)).string()));
  CHECK_THAT(read_file(out / "slurm" / "submit.sh"), Catch::Contains("afterok"));
  // Nothing ran: no store.
  CHECK_FALSE(fs::exists(out / "batch" / "results.sqlite"));
  // --shard and --emit-slurm together are refused.
  CHECK(run_discolab("batch " + sweep + " --shard 1/2 --emit-slurm " + (out / "x").string())
            .exit_code == 2);
}

TEST_CASE("a batch's report shows the theory beside the measurement where a closed form applies",
          "[cli][batch]") {
  const auto out = scratch("batch-theory");
  REQUIRE(run_discolab("batch scenarios/sweeps/lb-queues.yaml -j 2 --quiet --out " + out.string())
              .exit_code == 0);
  const auto r = run_discolab("report " + out.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string md = read_file(out / "report" / "report.md");
  CHECK_THAT(md, Catch::Contains("## Theory beside measurement"));
  // One row per load, the exact JSQ chain's mean sojourn (sim/theory/queueing.h) as theory.
  CHECK_THAT(
      md, Catch::Contains("| clients.arrivals.rate=150/s | central-lb | latency mean [ms] | "
                          "join the shortest queue, n = 3, load 0.5 (exact chain) | 12.45 | 3 |"));
  CHECK_THAT(md, Catch::Contains("load 0.9 (exact chain) | 39.82 | 3 |"));
  // Run elsewhere, the sweep file the store names is not found: the report says so.
  const auto moved =
      run_discolab("report " + out.string() + " --out " + (out / "r2").string(), out.string());
  REQUIRE(moved.exit_code == 0);
  CHECK_THAT(read_file(out / "r2" / "report.md"), Catch::Contains("Not checked: the sweep file"));
}
