#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, docs/fuzzing.md) with clang under ASan+UBSan in
# build-fuzz/ and runs each on its seed corpus (fuzz/corpus/<target>/).
#
#   scripts/fuzz.sh [--runs N | --seconds S] [--seed S] [--build-dir DIR] [--keep] [TARGET...]
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/fuzz.sh [--runs N | --seconds S] [--seed S] [--build-dir DIR] [--keep] [TARGET...]

Builds the libFuzzer targets with clang (ASan + UBSan) and runs each on a copy of its seed
corpus (fuzz/corpus/<target>/). Installs clang and its runtime from Debian when missing.
A crash, leak, timeout or sanitizer report stops that target with a non-zero exit and leaves
the input in build-fuzz/findings/<target>/.

Options:
  --runs N        executions per target (default 1000000, the full run)
  --seconds S     wall seconds per target instead
  --seed S        libFuzzer's random seed (default: a new one each run); with --runs, a
                  fixed seed makes the run the same on every machine (CI: --runs 10000 --seed 1)
  --build-dir DIR the clang build folder (default build-fuzz)
  --keep          keep the inputs the fuzzer added (build-fuzz/corpus/<target>/)
  -h, --help      this text
Targets (default: all): scenario_fuzzer sweep_fuzzer dns_wire_fuzzer dns_server_fuzzer
progress_line_fuzzer results_store_fuzzer
USAGE
}

cd "$(dirname "$0")/.."
runs=1000000
seconds=""
seed=""
build_dir=build-fuzz
keep=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; seconds=""; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(scenario_fuzzer sweep_fuzzer dns_wire_fuzzer dns_server_fuzzer
                                     progress_line_fuzzer results_store_fuzzer)

packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DDISCOLAB_FUZZ=ON -DDISCOLAB_GUI=OFF -DDISCOLAB_TESTS=OFF \
  -DDISCOLAB_BENCHMARKS=OFF >&2
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}" >&2

# Leaks are findings too; a slow input (over 10 s) is a hang.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  work="$build_dir/corpus/$t"
  findings="$build_dir/findings/$t"
  rm -rf "$work"
  mkdir -p "$work" "$findings"
  cp fuzz/corpus/"$t"/* "$work"/
  budget=(-runs="$runs")
  [ -n "$seconds" ] && budget=(-max_total_time="$seconds")
  [ -n "$seed" ] && budget+=(-seed="$seed")
  max_len=65536
  [ "$t" = results_store_fuzzer ] && max_len=262144  # a seed store is about 70 kB
  echo "fuzz.sh: $t (${budget[*]})" >&2
  log="$build_dir/findings/$t.log"
  if "$build_dir/fuzz/$t" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
      -artifact_prefix="$findings/" -print_final_stats=1 "$work" >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    echo "fuzz.sh: $t: ok, ${execs:-?} executions (${rate:-?}/s), corpus $(ls "$work" | wc -l)" >&2
  else
    status=1
    echo "fuzz.sh: $t: FAILED; the input is in $findings/, the log is $log:" >&2
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -20 >&2 || tail -30 "$log" >&2
  fi
  [ "$keep" = 1 ] || rm -rf "$work"
done
exit $status
