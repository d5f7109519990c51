#!/usr/bin/env bash
# Scenario benchmark: simulated requests per wall-second and peak memory of whole runs, for
# each engine, measured side by side in one invocation (the machine may be shared and noisy:
# compare the medians and the ratio, not single figures).
#
#   scripts/bench_scenario.sh [--build-dir DIR] [--reps N] [--scenario FILE] [--engines "fast simgrid"]
#                             [-- extra discolab run options, e.g. --set duration=2m]
#
# Needs a Release build (scripts/setup.sh makes one) and jq (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

build_dir=build
reps=3
scenario=scenarios/quickstart.yaml
engines="fast simgrid"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bench_scenario.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

need_command jq
bin="$build_dir/discolab"
[ -x "$bin" ] || { echo "bench_scenario.sh: $bin not found; run scripts/setup.sh first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

echo "# scenario benchmark: $scenario ${extra[*]:-}"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# version: $("$bin" --version)"
echo "# command: $0 --reps $reps --scenario $scenario --engines \"$engines\" ${extra[*]:+-- ${extra[*]}}"
printf '%-8s %6s %12s %10s %14s %14s %10s\n' engine reps requests wall_s req_per_s events_per_s rss_mb
declare -A rate
for rep in $(seq 1 "$reps"); do
  for engine in $engines; do  # interleaved, so both engines see the same machine load
    out="$tmp/$engine-$rep"
    "$bin" run "$scenario" --engine "$engine" --quiet --out "$out" "${extra[@]}" >/dev/null
    jq -r '[.requests.total, .perf.wall_s, .perf.events, .perf.peak_rss_mb] | @tsv' "$out/summary.json" \
      >>"$tmp/$engine.tsv"
  done
done
for engine in $engines; do
  f="$tmp/$engine.tsv"
  requests=$(cut -f1 "$f" | median)
  wall=$(cut -f2 "$f" | median)
  rps=$(awk '{print $1/$2}' "$f" | median)
  eps=$(awk '{print $3/$2}' "$f" | median)
  rss=$(cut -f4 "$f" | median)
  rate[$engine]=$rps
  printf '%-8s %6d %12.0f %10.2f %14.0f %14.0f %10.1f\n' "$engine" "$reps" "$requests" "$wall" "$rps" "$eps" "$rss"
done
if [ -n "${rate[fast]:-}" ] && [ -n "${rate[simgrid]:-}" ]; then
  awk -v f="${rate[fast]}" -v s="${rate[simgrid]}" 'BEGIN {printf "fast / simgrid requests per wall-second: %.1fx\n", f / s}'
fi
