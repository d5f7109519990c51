// results.sqlite (store_schema.h): opening it, its meta, and writing one run — its runs row,
// params, figures and timeseries — in one transaction, so a kill -9 leaves all of a run or
// none of it. A run written again (a failed one retried) replaces its rows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/batch/sqlite_db.h"

namespace discolab::batch {

struct RunRecord {
  std::string run_key;
  std::size_t plan_index = 0, point = 0;
  std::string pattern;
  std::uint64_t seed = 0;
  std::string engine, scenario_hash, version;
  bool ok = false;
  std::optional<double> wall_s;
  std::optional<std::string> error;
  std::string finished_utc;
  struct Param {
    std::string name, value;
    std::optional<double> num;
  };
  std::vector<Param> params;
  std::vector<std::pair<std::string, std::optional<double>>>
      figures;  // key, value (nullopt: undefined)
  struct Sample {
    double t_s = 0.0;
    std::string column;
    std::optional<double> value;
  };
  std::vector<Sample> timeseries;
};

class ResultsStore {
 public:
  // Opens the store, creating the file and its tables when `create` (and the file is missing).
  ResultsStore(const std::filesystem::path& file, bool create);

  std::map<std::string, std::string> meta();
  // Inserts or replaces these keys, in one transaction.
  void set_meta(const std::map<std::string, std::string>& values);
  // run_key → "ok" / "failed".
  std::map<std::string, std::string> statuses();
  void write_run(const RunRecord& run);

  Database& db() { return db_; }

 private:
  Database db_;
};

// Now as ISO 8601 UTC, e.g. "2026-12-02T02:05:00Z".
std::string utc_now();

}  // namespace discolab::batch
