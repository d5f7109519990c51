// results.sqlite, schema version 1: the one place its tables are declared (docs/batch.md,
// "The results store"). The batch runner and `merge` write it; `export` and `report` read it.
#pragma once

#include <string_view>

namespace discolab::batch {

inline constexpr std::string_view kStoreSchemaVersion = "1";
inline constexpr std::string_view kStoreFileName = "results.sqlite";

// The tables: meta, runs, params, figures, timeseries (CREATE TABLE IF NOT EXISTS).
std::string_view store_schema_sql();
// What every connection sets: WAL journal, foreign keys (ON DELETE CASCADE), synchronous=NORMAL.
std::string_view store_pragmas_sql();

// The meta keys. Those of the fixed schema, and one more: base_scenario_sha256, the SHA-256 of
// the base scenario file's bytes, by which a changed scenario is recognised.
namespace meta_key {
inline constexpr const char* schema_version = "schema_version";
inline constexpr const char* batch = "batch";
inline constexpr const char* sweep_path = "sweep_path";
inline constexpr const char* sweep_text = "sweep_text";
inline constexpr const char* base_scenario_path = "base_scenario_path";
inline constexpr const char* base_scenario_sha256 = "base_scenario_sha256";
inline constexpr const char* discolab_version = "discolab_version";
inline constexpr const char* created_utc = "created_utc";
inline constexpr const char* plan_size = "plan_size";
inline constexpr const char* shard = "shard";
inline constexpr const char* engine = "engine";
}  // namespace meta_key

}  // namespace discolab::batch
