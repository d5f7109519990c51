#!/usr/bin/env bash
# Scenario benchmark: simulated requests per wall-second and peak memory of whole runs, for
# each engine, measured side by side in one invocation (the machine may be shared and noisy:
# compare the medians and the ratio, not single figures).
#
#   scripts/bench_scenario.sh [--build-dir DIR] [--reps N] [--scenario FILE] [--engines "fast simgrid"]
#                             [-- extra discolab run options, e.g. --set duration=2m]
#   scripts/bench_scenario.sh --replica-sweep ["2000 5000 10000 20000 50000 100000"] [--build-dir DIR]
#
# --replica-sweep: one service of N replicas on 4 hosts (a star), 4 callers, 60 simulated s,
# client-side, fast engine, once per N; prints wall time, events and peak memory per N and the
# least-squares slope of log(wall) against log(N) (1 = linear cost in replicas).
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
sweep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --replica-sweep)
      sweep="2000 5000 10000 20000 50000 100000"
      if [ $# -gt 1 ] && [[ $2 =~ ^[0-9\ ]+$ ]]; then sweep=$2; shift; fi
      shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench_scenario.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

need_command jq
bin="$build_dir/discolab"
[ -x "$bin" ] || { echo "bench_scenario.sh: $bin not found; run scripts/setup.sh first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sweep's scenario: only the replica count varies (set with --set on each run).
sweep_scenario() {
  cat <<'YAML'
name: replica-sweep
description: One service of N replicas on 4 hosts, a few callers, 60 s (scripts/bench_scenario.sh).
duration: 60s
seed: 1
engine: fast
pattern: client-side
platform:
  topology: star
  racks: 1
  hosts_per_rack: 4
services:
  - name: api
    replicas: 2000
    workers: 4
    service_time: {distribution: exponential, mean: 2ms}
clients:
  - name: users
    count: 4
    target: api
    rate: 100/s
    timeout: 500ms
    retries: 1
metrics:
  interval: 1s
  warmup: 5s
YAML
}

replica_sweep() {
  sweep_scenario >"$tmp/replica-sweep.yaml"
  echo "# replica sweep: 4 hosts, 1 service, 4 callers, 60 s simulated, fast engine"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# version: $("$bin" --version)"
  echo "# command: $0 --replica-sweep \"$sweep\""
  printf '%9s %10s %10s %12s\n' replicas wall_s events rss_mb
  for n in $sweep; do
    out="$tmp/sweep-$n"
    "$bin" run "$tmp/replica-sweep.yaml" --quiet --yes --out "$out" --set "services.api.replicas=$n" \
      "${extra[@]}" >/dev/null
    jq -r --arg n "$n" '[$n, .perf.wall_s, .perf.events, .perf.peak_rss_mb] | @tsv' \
      "$out/summary.json" | tee -a "$tmp/sweep.tsv" |
      awk '{printf "%9d %10.2f %10d %12.1f\n", $1, $2, $3, $4}'
    rm -rf "$out"
  done
  # Least squares over (log N, log wall): the exponent of wall ~ N^slope.
  awk '{x = log($1); y = log($2); n++; sx += x; sy += y; sxx += x * x; sxy += x * y}
       END {if (n > 1) printf "log-log slope of wall time over replicas: %.3f\n",
                              (n * sxy - sx * sy) / (n * sxx - sx * sx)}' "$tmp/sweep.tsv"
}

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

if [ -n "$sweep" ]; then
  replica_sweep
  exit 0
fi

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
