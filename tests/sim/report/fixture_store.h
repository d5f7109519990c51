// Builds results stores for tests: the store's DDL (sim/batch/store_schema.h) executed, then the
// rows of a small synthetic batch whose figures follow formulas the tests recompute.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/batch/store_schema.h"

namespace discolab::testing {

struct FixtureParam {
  std::string name, value;
  std::optional<double> num;
};

struct FixtureRun {
  std::string run_key;
  std::int64_t plan_index = 0, point = 0;
  std::string pattern;
  std::uint64_t seed = 0;
  std::string engine = "fast";
  bool failed = false;
  std::string error;
  std::vector<FixtureParam> params;
  std::map<std::string, std::optional<double>> figures;
};

// A fresh, empty folder for one test's stores and reports.
inline std::filesystem::path fixture_dir(const std::string& name) {
  const auto p = std::filesystem::temp_directory_path() /
                 ("discolab-report-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

class FixtureStore {
 public:
  // Creates `path` (replacing it) in WAL mode with the schema and the given meta rows
  // (schema_version is added unless `meta` sets it).
  FixtureStore(const std::filesystem::path& path, std::map<std::string, std::string> meta) {
    std::filesystem::remove(path);
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
      throw std::runtime_error("open " + path.string());
    exec("PRAGMA journal_mode=WAL");
    exec(std::string(batch::store_schema_sql()));
    meta.emplace("schema_version", "1");
    for (const auto& [k, v] : meta) run("INSERT INTO meta VALUES (?, ?)", {k, v});
  }
  ~FixtureStore() { sqlite3_close(db_); }
  FixtureStore(const FixtureStore&) = delete;
  FixtureStore& operator=(const FixtureStore&) = delete;

  void add(const FixtureRun& r) {
    exec("BEGIN");
    sqlite3_stmt* s = prepare(
        "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, 'scenario-hash', 'test-version', ?, 1.5, ?, "
        "'2026-01-01T00:00:00Z')");
    sqlite3_bind_text(s, 1, r.run_key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, r.plan_index);
    sqlite3_bind_int64(s, 3, r.point);
    sqlite3_bind_text(s, 4, r.pattern.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 5, static_cast<std::int64_t>(r.seed));
    sqlite3_bind_text(s, 6, r.engine.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, r.failed ? "failed" : "ok", -1, SQLITE_STATIC);
    if (r.failed)
      sqlite3_bind_text(s, 8, r.error.c_str(), -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null(s, 8);
    step(s);
    for (const FixtureParam& p : r.params) {
      s = prepare("INSERT INTO params VALUES (?, ?, ?, ?)");
      sqlite3_bind_text(s, 1, r.run_key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 2, p.name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, p.value.c_str(), -1, SQLITE_TRANSIENT);
      if (p.num)
        sqlite3_bind_double(s, 4, *p.num);
      else
        sqlite3_bind_null(s, 4);
      step(s);
    }
    for (const auto& [figure, value] : r.figures) {
      s = prepare("INSERT INTO figures VALUES (?, ?, ?)");
      sqlite3_bind_text(s, 1, r.run_key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 2, figure.c_str(), -1, SQLITE_TRANSIENT);
      if (value)
        sqlite3_bind_double(s, 3, *value);
      else
        sqlite3_bind_null(s, 3);
      step(s);
    }
    exec("COMMIT");
  }

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error("fixture SQL failed: " + message);
    }
  }

 private:
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("fixture SQL: ") + sqlite3_errmsg(db_));
    return s;
  }
  void step(sqlite3_stmt* s) {
    const int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
      throw std::runtime_error(std::string("fixture SQL: ") + sqlite3_errmsg(db_));
  }
  void run(const char* sql, const std::vector<std::string>& texts) {
    sqlite3_stmt* s = prepare(sql);
    for (std::size_t i = 0; i < texts.size(); ++i)
      sqlite3_bind_text(s, static_cast<int>(i + 1), texts[i].c_str(), -1, SQLITE_TRANSIENT);
    step(s);
  }
  sqlite3* db_ = nullptr;
};

// The standard fixture batch, whose numbers the tests recompute from these formulas:
//   patterns client-side and server-side (base 10 and 20), seeds 1..3, one parameter
//   dns.ttl ∈ {1s, 10s, 100s} (num 1, 10, 100; points 0, 1, 2), plus, with `two_params`, a
//   text parameter churn ∈ {low, high} (no number; ttl then ∈ {1s, 10s}, seeds 1..2).
//   latency.p99_ms = base + ttl/2 + seed (+ 5 when churn=high)
//   by_client.users.latency.p99_ms = latency.p99_ms + 1
//   requests.failure_rate = 0.01 · seed
//   staleness.propagation_p99_s = ttl + 0.1 · seed, undefined (NULL) for seed 1
//   latency.p999_ms undefined in every run
// Run (point 2, server-side, seed 3) failed, when the store has it (not with `two_params`).
// Run keys are not in plan order, so sorting by run_key would show.
inline double fixture_base(const std::string& pattern) {
  return pattern == "client-side" ? 10 : 20;
}
inline constexpr const char* kFixtureError = "child exited with status 1\nsecond line";

inline std::size_t write_fixture_store(const std::filesystem::path& path, bool two_params = false) {
  FixtureStore store(path, {{"batch", "fixture"},
                            {"sweep_path", "scenarios/sweeps/fixture.yaml"},
                            {"sweep_text", "base: quickstart.yaml\n"},
                            {"base_scenario_path", "scenarios/quickstart.yaml"},
                            {"discolab_version", "0.1.0+test"},
                            {"created_utc", "2026-01-01T00:00:00Z"},
                            {"plan_size", two_params ? "16" : "18"},
                            {"shard", ""},
                            {"engine", "fast"}});
  const std::vector<double> ttls =
      two_params ? std::vector<double>{1, 10} : std::vector<double>{1, 10, 100};
  const std::vector<std::string> churns =
      two_params ? std::vector<std::string>{"low", "high"} : std::vector<std::string>{""};
  const int seeds = two_params ? 2 : 3;
  std::int64_t plan = 0, point = 0;
  for (const std::string& churn : churns) {
    for (double ttl : ttls) {
      for (const std::string pattern : {"client-side", "server-side"}) {
        for (int seed = 1; seed <= seeds; ++seed) {
          FixtureRun r;
          r.run_key = "k" + std::to_string(90 - plan);
          r.plan_index = plan++;
          r.point = point;
          r.pattern = pattern;
          r.seed = static_cast<std::uint64_t>(seed);
          std::ostringstream ttl_text;
          ttl_text << ttl << "s";
          r.params.push_back({"dns.ttl", ttl_text.str(), ttl});
          if (!churn.empty()) r.params.push_back({"churn", churn, std::nullopt});
          r.failed = !two_params && point == 2 && pattern == "server-side" && seed == 3;
          if (r.failed) {
            r.error = kFixtureError;
          } else {
            const double p99 = fixture_base(pattern) + ttl / 2 + seed + (churn == "high" ? 5 : 0);
            r.figures["latency.p99_ms"] = p99;
            r.figures["by_client.users.latency.p99_ms"] = p99 + 1;
            r.figures["requests.failure_rate"] = 0.01 * seed;
            r.figures["staleness.propagation_p99_s"] =
                seed == 1 ? std::nullopt : std::optional<double>(ttl + 0.1 * seed);
            r.figures["latency.p999_ms"] = std::nullopt;
          }
          store.add(r);
        }
      }
      ++point;
    }
  }
  return static_cast<std::size_t>(plan);
}

}  // namespace discolab::testing
