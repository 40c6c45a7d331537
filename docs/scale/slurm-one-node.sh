#!/usr/bin/env bash
# Tests docs/scale.md's Slurm recipe for real, on a one-node cluster on this machine:
#   1. installs Debian's slurm-wlm and munge if they are missing, and builds aisim (release);
#   2. starts munged, slurmctld and slurmd with a throwaway configuration in a temporary folder
#      (SLURM_CONF points there; /etc/slurm is not touched);
#   3. submits aisim-shard.sbatch as a job array of SHARDS tasks and aisim-merge.sbatch with
#      --dependency=afterok on the array, and waits for the merge;
#   4. checks that the merged JSON is byte for byte the single sketch-mode run's;
#   5. stops the daemons and removes the folder.
# Usage: docs/scale/slurm-one-node.sh [TRIALS [SHARDS]]    (default: 1e8 trials, 8 shards)
# Needs root (or sudo) for the packages and for slurmd. Exit status 0 when the results match.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
trials=${1:-1e8}
shards=${2:-8}
args="--trials $trials --seed 2026"
sudo="" as_munge="runuser -u munge --"
[ "$(id -u)" -eq 0 ] || { sudo=sudo; as_munge="sudo -u munge"; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q slurm-wlm munge
fi
(cd "$root" && swift build -c release --product aisim >/dev/null)
aisim="$root/.build/release/aisim"

work=$(mktemp -d "${TMPDIR:-/tmp}/aisim-slurm.XXXXXX")
chmod 755 "$work"
mkdir -p "$work/state" "$work/spool" "$work/shards" "$work/munge"
node=$(hostname -s)
cpus=$(nproc)
cleanup() {
  for daemon in slurmd slurmctld; do
    [ -f "$work/$daemon.pid" ] && $sudo kill "$(cat "$work/$daemon.pid")" 2>/dev/null || true
  done
  [ -f "$work/munge/munged.pid" ] && $sudo kill "$(cat "$work/munge/munged.pid")" 2>/dev/null || true
  sleep 1
  $sudo rm -rf "$work"
}
trap cleanup EXIT

# munge, with its own socket so that a system munged, if any, is left alone.
$sudo chown munge:munge "$work/munge"
$as_munge munged --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" --key-file=/etc/munge/munge.key

cat >"$work/slurm.conf" <<CONF
ClusterName=aisim-test
SlurmctldHost=$node
SlurmUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=aisim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

$sudo env SLURM_CONF="$SLURM_CONF" slurmctld -i
$sudo env SLURM_CONF="$SLURM_CONF" slurmd
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 1
done
sinfo

started=$(date +%s)
array=$(sbatch --parsable --chdir="$work" --array="1-$shards" \
  --export=ALL,AISIM="$aisim",AISIM_SHARDS="$work/shards",AISIM_ARGS="$args" "$here/aisim-shard.sbatch")
merge=$(sbatch --parsable --chdir="$work" --dependency="afterok:$array" \
  --export=ALL,AISIM="$aisim",AISIM_SHARDS="$work/shards" "$here/aisim-merge.sbatch")
echo "submitted array job $array ($shards tasks) and merge job $merge"
deadline=$((started + ${AISIM_SLURM_TIMEOUT:-1800}))
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
  if squeue -h -j "$merge" -o %r 2>/dev/null | grep -q DependencyNeverSatisfied || [ "$(date +%s)" -gt "$deadline" ]; then
    echo "slurm-one-node: a shard task failed or the jobs ran past ${AISIM_SLURM_TIMEOUT:-1800} s" >&2
    cat "$work"/aisim-*.log "$work/slurmctld.log" >&2 || true
    exit 1
  fi
  sleep 2
done
echo "the array and the merge took $(($(date +%s) - started)) s"
cat "$work"/aisim-*.log

# shellcheck disable=SC2086 # args holds several flags
"$aisim" $args --summary sketch --format json --output "$work/single.json"
if cmp -s "$work/shards/merged.json" "$work/single.json"; then
  echo "slurm-one-node: the merged result of $shards shards equals the single run of $trials trials"
  cat "$work/shards/merged.txt"
else
  echo "slurm-one-node: the merged result differs from the single run" >&2
  diff "$work/shards/merged.json" "$work/single.json" >&2 || true
  exit 1
fi
