// A batch's results store (results.sqlite, schema version 1: docs/batch-report.md), read
// whole into memory, read-only.
//
// The store is opened with SQLITE_OPEN_READONLY and checked before anything is read: the file
// exists, it is an SQLite database with a `meta` table, and meta.schema_version is the one
// this discolab reads. Each failure throws std::invalid_argument naming the file.
//
// Order is deterministic: runs by plan_index then run_key (the sweep's plan order, the same
// for a store merged from shards), parameters and figures by name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace discolab::report {

inline constexpr int kStoreSchemaVersion = 1;

// A swept parameter's value at a run's point: as written in the sweep ('5s'), and its number
// in the scenario's base unit (5 for '5s'), if numeric.
struct ParamValue {
  std::string text;
  std::optional<double> num;
};

struct StoredRun {
  std::string run_key;
  std::int64_t plan_index = 0;
  std::int64_t point = 0;
  std::string pattern;
  std::uint64_t seed = 0;
  std::string engine;
  std::string version;
  std::string status;  // "ok" or "failed"
  std::string error;   // "" when ok
  std::map<std::string, ParamValue> params;
  std::map<std::string, std::optional<double>> figures;  // nullopt: undefined (NULL)
  bool ok() const { return status == "ok"; }
};

struct ResultsStore {
  std::filesystem::path path;
  std::map<std::string, std::string> meta;
  std::vector<StoredRun> runs;
  std::vector<std::string> param_names;  // every swept parameter, sorted
  std::vector<std::string> figure_keys;  // every figure of any run, sorted
  // meta[key], or `fallback` when the store has no such key.
  std::string meta_value(const std::string& key, const std::string& fallback = "") const;
};

ResultsStore load_results_store(const std::filesystem::path& path);

}  // namespace discolab::report
