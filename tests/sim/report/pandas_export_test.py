#!/usr/bin/env python3
"""`discolab export` loads in pandas (Debian's python3-pandas).

Builds a small results store from the schema's DDL (fixture_schema.sql) with Python's sqlite3,
exports it as tidy and wide CSV with the real binary, and reads both with pandas.read_csv.
Without pandas this test FAILS (scripts/setup.sh installs python3-pandas); it never skips.

usage: pandas_export_test.py DISCOLAB_BINARY FIXTURE_SCHEMA_SQL
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

try:
    import pandas as pd
except ImportError:
    print("FAIL: python3 cannot import pandas; install python3-pandas (scripts/setup.sh does)")
    sys.exit(1)

binary, schema = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="discolab-pandas-")
db = os.path.join(work, "results.sqlite")
con = sqlite3.connect(db)
con.executescript(open(schema).read())
con.executemany("INSERT INTO meta VALUES (?, ?)", [("schema_version", "1"), ("batch", "pandas")])
# 2 ttl values x 2 patterns x 2 seeds, 2 figures per run; one run failed.
plan = 0
for point, (ttl_text, ttl) in enumerate([("5s", 5.0), ("30s", 30.0)]):
    for pattern in ["client-side", "server-side"]:
        for seed in [1, 2]:
            key = f"run{plan:02d}"
            failed = point == 1 and pattern == "server-side" and seed == 2
            con.execute(
                "INSERT INTO runs VALUES (?,?,?,?,?,'fast','h','v',?,1.0,?,'2026-01-01T00:00:00Z')",
                (key, plan, point, pattern, seed, "failed" if failed else "ok",
                 "boom" if failed else None))
            con.execute("INSERT INTO params VALUES (?, 'dns.ttl', ?, ?)", (key, ttl_text, ttl))
            if not failed:
                con.execute("INSERT INTO figures VALUES (?, 'latency.p99_ms', ?)", (key, ttl + seed))
                con.execute("INSERT INTO figures VALUES (?, 'latency.p999_ms', NULL)", (key,))
            plan += 1
con.commit()
con.close()


def export(*args):
    out = os.path.join(work, "export.csv")
    subprocess.run([binary, "export", db, "-o", out, *args], check=True)
    return pd.read_csv(out)


failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


tidy = export()
check("tidy columns", list(tidy.columns),
      ["run_key", "point", "pattern", "seed", "engine", "status", "dns.ttl", "figure", "value"])
check("tidy rows", len(tidy), 7 * 2 + 1)
check("failed rows", int((tidy["status"] == "failed").sum()), 1)
check("undefined values", int(tidy["value"].isna().sum()), 7 + 1)
p99 = tidy[tidy["figure"] == "latency.p99_ms"]
check("p99 dtype", str(p99["value"].dtype), "float64")
check("mean p99 at ttl 30", float(p99[p99["dns.ttl"] == 30]["value"].mean()), (31 + 32 + 31) / 3)

wide = export("--wide")
check("wide columns", list(wide.columns),
      ["run_key", "point", "pattern", "seed", "engine", "status", "dns.ttl", "latency.p999_ms",
       "latency.p99_ms"])
check("wide rows", len(wide), 8)
check("seed dtype", str(wide["seed"].dtype), "int64")

if failures:
    print("FAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"ok: pandas {pd.__version__} read the tidy ({len(tidy)} rows) and wide ({len(wide)} rows) exports")
