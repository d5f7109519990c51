#!/usr/bin/env bash
# A stand-in for discolab in the SLURM integration test: it implements the command-line contract
# the generated scripts rely on, strictly, with the sqlite3 CLI:
#   standin-discolab.sh batch SWEEP --shard K/N --out DIR -j C --yes
#       runs = the sweep file's non-empty lines not starting with '#'; shard K/N takes the runs
#       whose 0-based index i has i % N == K-1 and writes them to DIR/results.sqlite (table runs)
#   standin-discolab.sh merge --out OUT.sqlite IN.sqlite...
#       copies the runs of every IN into OUT; a run found twice is an error (PRIMARY KEY)
# With STANDIN_FAIL_SHARD=K in the environment, shard K fails (exit 1) without writing a store.
set -euo pipefail
die() { echo "standin-discolab: $*" >&2; exit 2; }
command=${1:-}; shift || true
case $command in
  batch)
    sweep=${1:?SWEEP missing}; shift
    [[ -f $sweep ]] || die "sweep '$sweep' does not exist"
    shard="" out="" jobs="" yes=0
    while (($#)); do
      case $1 in
        --shard) shard=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -j) jobs=$2; shift 2 ;;
        --yes) yes=1; shift ;;
        *) die "unknown batch argument '$1'" ;;
      esac
    done
    [[ $shard =~ ^([0-9]+)/([0-9]+)$ ]] || die "--shard '$shard' is not K/N"
    k=${BASH_REMATCH[1]} n=${BASH_REMATCH[2]}
    ((k >= 1 && k <= n)) || die "--shard $shard out of range"
    [[ $jobs =~ ^[1-9][0-9]*$ ]] || die "-j '$jobs' is not a positive count"
    ((yes)) || die "--yes missing (a batch job cannot answer a prompt)"
    [[ -n $out ]] || die "--out missing"
    if [[ ${STANDIN_FAIL_SHARD:-} = "$k" ]]; then echo "shard $k/$n: failing on purpose" >&2; exit 1; fi
    mkdir -p "$out"
    sql="CREATE TABLE runs(run TEXT PRIMARY KEY, shard TEXT, host TEXT); BEGIN;"
    i=0
    while IFS= read -r line || [[ -n $line ]]; do
      [[ -z $line || $line = \#* ]] && continue
      if ((i % n == k - 1)); then
        sql+=" INSERT INTO runs VALUES('${line//\'/\'\'}', '$k/$n', '$(hostname -s)');"
      fi
      i=$((i + 1))
    done <"$sweep"
    rm -f "$out/results.sqlite"
    sqlite3 "$out/results.sqlite" "$sql COMMIT;"
    echo "shard $k/$n: $(sqlite3 "$out/results.sqlite" 'SELECT count(*) FROM runs') runs into $out"
    ;;
  merge)
    [[ ${1:-} = --out && -n ${2:-} ]] || die "usage: merge --out OUT.sqlite IN.sqlite..."
    out=$2; shift 2
    (($#)) || die "merge: no input stores"
    rm -f "$out"
    sqlite3 "$out" "CREATE TABLE runs(run TEXT PRIMARY KEY, shard TEXT, host TEXT);"
    for in in "$@"; do
      [[ -f $in ]] || die "merge: '$in' does not exist"
      sqlite3 "$out" "ATTACH '${in//\'/\'\'}' AS s; INSERT INTO runs SELECT * FROM s.runs;"
    done
    echo "merged $# stores: $(sqlite3 "$out" 'SELECT count(*) FROM runs') runs into $out"
    ;;
  *) die "unknown command '$command' (batch or merge)" ;;
esac
