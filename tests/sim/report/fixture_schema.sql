-- The results store's DDL, schema version 1, as /work/notes/results-store-schema.md fixes it.
-- Test fixtures only: the batch writer's own DDL (sim/batch/) is the real one; after the
-- merge the fixtures should execute that one instead of this copy.
PRAGMA foreign_keys=ON;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
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
CREATE TABLE params(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  name    TEXT NOT NULL,
  value   TEXT NOT NULL,
  num     REAL,
  PRIMARY KEY (run_key, name)
);
CREATE TABLE figures(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  figure  TEXT NOT NULL,
  value   REAL,
  PRIMARY KEY (run_key, figure)
);
CREATE TABLE timeseries(
  run_key TEXT NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
  t_s     REAL NOT NULL,
  column  TEXT NOT NULL,
  value   REAL,
  PRIMARY KEY (run_key, t_s, column)
);
