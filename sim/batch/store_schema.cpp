#include "sim/batch/store_schema.h"

namespace discolab::batch {

std::string_view store_pragmas_sql() {
  return "PRAGMA journal_mode=WAL;\n"
         "PRAGMA foreign_keys=ON;\n"
         "PRAGMA synchronous=NORMAL;\n";
}

std::string_view store_schema_sql() {
  return R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  run_key       TEXT PRIMARY KEY,
  plan_index    INTEGER NOT NULL,
  point         INTEGER NOT NULL,
  pattern       TEXT NOT NULL,
  seed          INTEGER NOT NULL,
  engine        TEXT NOT NULL,
  scenario_hash TEXT NOT NULL,
  version       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('ok','failed')),
  wall_s        REAL,
  error         TEXT,
  finished_utc  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS params(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  name    TEXT NOT NULL,
  value   TEXT NOT NULL,
  num     REAL,
  PRIMARY KEY (run_key, name)
);
CREATE TABLE IF NOT EXISTS figures(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  figure  TEXT NOT NULL,
  value   REAL,
  PRIMARY KEY (run_key, figure)
);
CREATE TABLE IF NOT EXISTS timeseries(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  t_s     REAL NOT NULL,
  column  TEXT NOT NULL,
  value   REAL,
  PRIMARY KEY (run_key, t_s, column)
);
)sql";
}

}  // namespace discolab::batch
