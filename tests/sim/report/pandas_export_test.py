#!/usr/bin/env python3
"""`discolab export` loads in pandas (Debian's python3-pandas).

Runs a real batch (tests/sim/batch/data/small.yaml: 2 TTLs x 2 patterns x 2 seeds), exports
its store as tidy and wide CSV with the real binary, reads both with pandas.read_csv and checks
them against the store itself, read with Python's sqlite3.
Without pandas this test FAILS (scripts/setup.sh installs python3-pandas); it never skips.

usage: pandas_export_test.py DISCOLAB_BINARY SOURCE_DIR
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

binary, source = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="discolab-pandas-")
subprocess.run([binary, "batch", os.path.join(source, "tests/sim/batch/data/small.yaml"),
                "-j", "2", "--quiet", "--out", os.path.join(work, "batch")], check=True)
db = os.path.join(work, "batch", "results.sqlite")
con = sqlite3.connect(db)
runs = con.execute("SELECT count(*) FROM runs WHERE status = 'ok'").fetchone()[0]
figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
undefined = con.execute("SELECT count(*) FROM figures WHERE value IS NULL").fetchone()[0]
figure_keys = sorted(r[0] for r in con.execute("SELECT DISTINCT figure FROM figures"))
mean_ttl10 = con.execute(
    "SELECT avg(f.value) FROM figures f JOIN params p USING (run_key) "
    "WHERE f.figure = 'latency.mean_ms' AND p.name = 'patterns.dns.dns.server.ttl' "
    "AND p.num = 10").fetchone()[0]
con.close()


def export(*args):
    out = os.path.join(work, "export.csv")
    subprocess.run([binary, "export", db, "-o", out, *args], check=True)
    return pd.read_csv(out)


failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


check("runs stored", runs, 8)
tidy = export()
check("tidy columns", list(tidy.columns),
      ["run_key", "point", "pattern", "seed", "engine", "status",
       "patterns.dns.dns.server.ttl", "figure", "value"])
check("tidy rows", len(tidy), figures)
check("undefined values", int(tidy["value"].isna().sum()), undefined)
mean = tidy[tidy["figure"] == "latency.mean_ms"]
check("latency dtype", str(mean["value"].dtype), "float64")
got = float(mean[mean["patterns.dns.dns.server.ttl"] == 10]["value"].mean())
if abs(got - mean_ttl10) > 1e-9 * abs(mean_ttl10):
    failures.append(f"mean latency at ttl 10 s: got {got!r}, want {mean_ttl10!r}")

wide = export("--wide")
check("wide rows", len(wide), 8)
check("wide figure columns", sorted(wide.columns[7:]), figure_keys)
check("seed dtype", str(wide["seed"].dtype), "int64")

if failures:
    print("FAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"ok: pandas {pd.__version__} read the tidy ({len(tidy)} rows) and wide ({len(wide)} rows) "
      "exports of a real batch")
