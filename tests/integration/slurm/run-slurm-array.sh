#!/usr/bin/env bash
# Runs a discolab sweep as a SLURM job array on a single-node SLURM started on this machine, and
# checks the merged results store. Integration test of docs/batch-slurm.md; run it as root:
#
#   ctest --test-dir build -L slurm --output-on-failure
#
# or directly:
#
#   tests/integration/slurm/run-slurm-array.sh --emitter build/tests/integration/slurm/discolab_emit_slurm \
#       --program "$PWD/build/discolab" --sweep tests/integration/slurm/tiny-sweep.yaml \
#       --expect-runs 6 --where "status = 'ok'"
#
# What it does: installs Debian's slurmctld, slurmd, slurm-client, munge and sqlite3 when missing;
# starts munged, slurmctld and slurmd in the background with a one-node slurm.conf (this host,
# CPUs=2, select/cons_tres, proctrack/linuxproc, task/none: no cgroup needed) whose state, spool
# and logs live in a temporary folder; waits for the node to be idle; writes the sbatch scripts
# with --emitter (write_slurm_scripts()); submits them with the generated submit.sh; waits for the
# array and the merge job; checks that every array task and the merge COMPLETED and that the
# merged store holds --expect-runs rows in table --table. The daemons are stopped on exit.
# The results folder has a space in its name, so the scripts' quoting is tested too.
# With --fail-shard K (the stand-in program fails that shard: STANDIN_FAIL_SHARD), it checks the
# other side of the dependency instead: task K FAILED, the others COMPLETED, the merge job was
# CANCELLED by SLURM (afterok can no longer be met) and no merged store exists.
# Exit status: 0 passed, 1 failed, 77 skipped (not root, or the packages cannot be installed).
set -euo pipefail

emitter="" program="" sweep="" expect="" table="runs" shards=3 keep=0 timeout=600 fail_shard=0 where=""
ctld_port=16817 slurmd_port=16818
usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  echo "options: --emitter PATH --program PATH --sweep PATH --expect-runs N [--table NAME]"
  echo "         [--where SQL (count only the rows of --table that match, e.g. \"status = 'ok'\")]"
  echo "         [--shards N (3)] [--timeout SECONDS (600)] [--keep (leave the temp folder)]"
  echo "         [--fail-shard K (expect shard K to fail and the merge to be cancelled)]"
}
while (($#)); do
  case $1 in
    --emitter) emitter=$2; shift 2 ;;
    --program) program=$2; shift 2 ;;
    --sweep) sweep=$2; shift 2 ;;
    --expect-runs) expect=$2; shift 2 ;;
    --table) table=$2; shift 2 ;;
    --where) where=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --fail-shard) fail_shard=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-slurm-array.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in emitter program sweep expect; do
  [[ -n ${!v} ]] || { echo "run-slurm-array.sh: --${v/expect/expect-runs} is required" >&2; exit 2; }
done
[[ $program = /* ]] || program=$PWD/$program
[[ $sweep = /* ]] || sweep=$PWD/$sweep
[[ -x $emitter ]] || { echo "run-slurm-array.sh: emitter '$emitter' is not executable" >&2; exit 2; }
[[ -x $program ]] || { echo "run-slurm-array.sh: program '$program' is not executable" >&2; exit 2; }
[[ -f $sweep ]] || { echo "run-slurm-array.sh: sweep '$sweep' does not exist" >&2; exit 2; }

if ((EUID != 0)); then
  echo "SKIPPED: the single-node SLURM needs root (slurmd runs jobs as their user)"
  exit 77
fi
need=()
for tool in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge sqlite3:sqlite3; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
           -o DPkg::Lock::Timeout=300 --no-install-recommends "${need[@]}"; } >/dev/null; then
    echo "SKIPPED: could not install ${need[*]} with apt-get"
    exit 77
  fi
fi

work=$(mktemp -d /tmp/discolab-slurm.XXXXXX)
chmod 755 "$work"
pids=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((status != 0)); then
    for log in "$work"/log/*.log; do
      [[ -f $log ]] && { echo "== last lines of $log"; tail -n 25 "$log"; }
    done
  fi
  if ((keep)); then echo "== left $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

node=$(hostname -s)
mkdir -p "$work"/{munge,state,spool,log,scripts}
chmod 711 "$work/munge"

# munge: its own key and socket, so a munged already running here is left alone.
mungekey --create --keyfile="$work/munge/munge.key" >/dev/null 2>&1 ||
  dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" \
  --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
  --seed-file="$work/munge/munged.seed" --log-file="$work/log/munged.log" \
  >>"$work/log/munged.stderr" 2>&1 &
pids+=($!)

export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=discolab-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
InactiveLimit=0
KillWait=5
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF

for _ in $(seq 50); do [[ -S $work/munge/munge.socket ]] && break; sleep 0.1; done
slurmctld -D -c -f "$SLURM_CONF" >>"$work/log/slurmctld.stderr" 2>&1 &
pids+=($!)
slurmd -D -N "$node" -f "$SLURM_CONF" >>"$work/log/slurmd.stderr" 2>&1 &
pids+=($!)

echo "== waiting for node $node to be idle"
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null || true)
  [[ $state = idle ]] && break
  sleep 0.5
done
echo "\$ sinfo"
sinfo
[[ $state = idle ]] || { echo "FAILED: node $node is '$state', not idle"; exit 1; }

out="$work/results dir/sweep"   # a space in the path: the scripts must quote it
echo "== writing the scripts into $work/scripts"
"$emitter" "$program" "$sweep" "$out" "$work/scripts" "$shards"

if ((fail_shard)); then export STANDIN_FAIL_SHARD=$fail_shard; fi  # sbatch passes the environment
echo "\$ bash submit.sh"
submit_out=$(bash "$work/scripts/submit.sh")
echo "$submit_out"
array_id=$(sed -n 's/^array job: //p' <<<"$submit_out")
merge_id=$(sed -n 's/^merge job: //p' <<<"$submit_out")
[[ -n $array_id && -n $merge_id ]] || { echo "FAILED: submit.sh printed no job ids"; exit 1; }

echo "== waiting for jobs $array_id (array) and $merge_id (merge)"
deadline=$((SECONDS + timeout))
while squeue -h -j "$array_id,$merge_id" -o '%i' 2>/dev/null | grep -q .; do
  if ((SECONDS > deadline)); then
    squeue --states=all -j "$array_id,$merge_id"
    echo "FAILED: jobs still queued after ${timeout}s"; exit 1
  fi
  sleep 1
done

echo "\$ squeue --states=all --array -j $array_id,$merge_id"
squeue --states=all --array -j "$array_id,$merge_id" -o '%.12i %.22j %.10T %.6M %.10l %R'
mapfile -t task_states < <(squeue -h --states=all --array -j "$array_id" -o '%T')
merge_state=$(squeue -h --states=all -j "$merge_id" -o '%T')
completed=$(printf '%s\n' "${task_states[@]}" | grep -c '^COMPLETED$' || true)
echo "array tasks COMPLETED: $completed of $shards; merge job: $merge_state"
for f in "$out"/logs/*; do
  if [[ -f $f ]]; then echo "--- $(basename "$f")"; cat "$f"; fi
done

status=0
store="$out/results.sqlite"
if ((fail_shard)); then
  failed=$(squeue -h --states=all -j "${array_id}_$fail_shard" -o '%T')
  echo "array task $fail_shard: $failed"
  [[ $failed = FAILED ]] || { echo "FAILED: task $fail_shard should have failed"; status=1; }
  ((completed == shards - 1)) || { echo "FAILED: the other tasks should have completed"; status=1; }
  [[ $merge_state = CANCELLED ]] || { echo "FAILED: the merge job should be CANCELLED"; status=1; }
  [[ ! -e $store ]] || { echo "FAILED: a merged store exists after a failed shard"; status=1; }
  ((status == 0)) && echo "PASSED: shard $fail_shard failed, so SLURM cancelled the merge job"
  exit "$status"
fi
((completed == shards && ${#task_states[@]} == shards)) ||
  { echo "FAILED: not every array task completed"; status=1; }
[[ $merge_state = COMPLETED ]] || { echo "FAILED: the merge job is $merge_state"; status=1; }
if [[ -f $store ]]; then
  for ((k = 1; k <= shards; k++)); do
    echo "shard $k/$shards rows: $(sqlite3 "$out/shards/shard-$k/results.sqlite" "SELECT count(*) FROM $table")"
  done
  rows=$(sqlite3 "$store" "SELECT count(*) FROM $table${where:+ WHERE $where}")
  echo "merged rows in $table${where:+ with $where}: $rows (expected $expect)"
  [[ $rows = "$expect" ]] || { echo "FAILED: merged row count"; status=1; }
else
  echo "FAILED: no merged store at $store"; status=1
fi
((status == 0)) && echo "PASSED: the SLURM array ran $shards shards and the merge job merged them"
exit "$status"
