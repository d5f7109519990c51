#!/usr/bin/env bash
# Client-side discovery: how staleness follows the fetch interval and the lease duration.
#
#   scripts/study_client_side_staleness.sh [--build-dir DIR] [--seeds "1 2 3"]
#
# Runs scenarios/crash-churn.yaml, sweeping patterns.client_side.propagation.fetch_interval
# (lease 30 s) and then registration.lease_duration (heartbeat a third of the lease, fetch 5 s),
# and prints Markdown
# tables of means over the seeds. docs/patterns/client-side.md quotes its output.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
build_dir=build
seeds="1 2 3"
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "study_client_side_staleness.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
need_command jq
bin="$build_dir/discolab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Means over the seeds of: ready-change p50, unready-change p50 and p99 (s), stale-view
# fraction, stale-route rate, failure rate.
row() {
  local label=$1; shift
  local files=()
  for seed in $seeds; do
    local out="$tmp/run-$RANDOM-$seed"
    "$bin" run scenarios/crash-churn.yaml --quiet --seed "$seed" --out "$out" "$@" >/dev/null
    files+=("$out/summary.json")
  done
  jq -rs --arg name "$label" '
    def mean(f): (map(f) | add / length);
    "| \($name) | \(mean(.staleness.by_change.ready.propagation_p50_s) | .*100|round/100) | \(mean(.staleness.by_change.unready.propagation_p50_s) | .*100|round/100) | \(mean(.staleness.by_change.unready.propagation_p99_s) | .*100|round/100) | \(mean(.staleness.stale_view_fraction) * 100 | .*10|round/10) % | \(mean(.staleness.stale_route_rate) * 100 | .*100|round/100) % | \(mean(.requests.failure_rate) * 100 | .*1000|round/1000) % |"
  ' "${files[@]}"
}

header() {
  echo "| $1 | new instance seen, p50 (s) | crash seen, p50 (s) | crash seen, p99 (s) | stale views | stale routes | failed requests |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
}

echo "Fetch interval (lease 30 s, heartbeat 10 s, eviction 5 s); seeds: $seeds"
echo
header "fetch interval"
for f in 5s 15s 30s 60s; do
  row "$f" --set patterns.client_side.propagation.fetch_interval=$f
done
echo
echo "Lease duration (heartbeat = lease / 3, fetch 5 s, eviction 5 s); seeds: $seeds"
echo
header "lease"
for spec in "10s 3s" "30s 10s" "90s 30s"; do
  set -- $spec
  row "$1" --set patterns.client_side.registration.lease_duration=$1 --set patterns.client_side.registration.heartbeat_interval=$2 \
    --set patterns.client_side.propagation.fetch_interval=5s
done
echo
echo "Eureka's 2x lease quirk (lease 30 s, heartbeat 10 s, fetch 5 s)"
echo
header "expiry rule"
row "exact" --set patterns.client_side.propagation.fetch_interval=5s
row "eureka (2x)" --set patterns.client_side.propagation.fetch_interval=5s --set patterns.client_side.registry.eureka_double_expiry=true
