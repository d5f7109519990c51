#!/usr/bin/env bash
# Every benchmark docs/performance.md quotes, in one go: builds a Release tree without the GUI
# and the tests, runs each Google Benchmark program (5 repetitions, medians) and the scenario
# benchmark, and writes their outputs into one folder.
#
#   scripts/bench_all.sh [--build-dir DIR] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build-bench
out=results/benchmarks
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bench_all.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDISCOLAB_GUI=OFF -DDISCOLAB_TESTS=OFF >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
mkdir -p "$out"
for bench in "$build_dir"/bench/*_bench; do
  name=$(basename "$bench")
  echo "running $name" >&2
  "$bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true >"$out/$name.txt" 2>&1
done
scripts/bench_scenario.sh --build-dir "$build_dir" --reps 3 >"$out/scenario.txt"
echo "wrote $out" >&2
