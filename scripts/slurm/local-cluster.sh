#!/usr/bin/env bash
# A one-node Slurm on this machine, to try the cluster templates for real:
#
#   scripts/slurm/local-cluster.sh up       # install (if missing) and start munged, slurmctld, slurmd
#   export SLURM_CONF=$PWD/.cluster/slurm.conf   # `up` prints this line for sbatch, squeue, …
#                                   # (not needed when /etc/slurm/slurm.conf was absent: it then points here)
#   scripts/slurm/local-cluster.sh status   # the node and the queue
#   scripts/slurm/local-cluster.sh down     # cancel every job, stop the daemons, remove the state
#
# Debian's `slurm-wlm` and `munge` packages; no systemd and no cgroups (proctrack/linuxproc,
# task/none). Everything — munge key and socket, slurm.conf, controller state, spool, logs, pid
# files — lives in one folder this script owns: EMOCORPUS_CLUSTER_DIR (default: .cluster/ at the
# repository root). The node's CPUs and memory are read from the machine (`slurmd -C`).
# SLURMCTLD_PORT / SLURMD_PORT (default 6817 / 6818) move the daemons when those ports are taken.
# `up` and `down` are idempotent.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DIR="${EMOCORPUS_CLUSTER_DIR:-$REPO/.cluster}"
CTLD_PORT="${SLURMCTLD_PORT:-6817}"
SLURMD_PORT="${SLURMD_PORT:-6818}"
CONF="$DIR/slurm.conf"
MARK="$DIR/.emocorpus-local-cluster"
SOCKET="$DIR/munge/munge.socket"
START_TIMEOUT="${LOCAL_CLUSTER_TIMEOUT:-30}"
SYSTEM_CONF=/etc/slurm/slurm.conf
export SLURM_CONF="$CONF"

say() { echo "local-cluster: $*"; }
die() {
  echo "local-cluster: $*" >&2
  [ "${COMMAND:-}" != up ] || echo "local-cluster: \`$0 down\` stops whatever did start" >&2
  exit 1
}

# The last lines of a daemon's log, for an error message.
log_tail() {
  local file="$1"
  if [ -s "$file" ]; then
    echo "--- last lines of $file:" >&2
    tail -n 15 "$file" >&2
  else
    echo "--- $file is empty or missing" >&2
  fi
}

# The process id in a pid file when that process is alive.
alive_pid() {
  local file="$1" pid
  [ -s "$file" ] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

install_packages() {
  local missing=()
  command -v munged >/dev/null || missing+=(munge)
  for tool in slurmctld slurmd sbatch; do
    command -v "$tool" >/dev/null || { missing+=(slurm-wlm); break; }
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) as root"
    sudo=sudo
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Fails when something else listens on a port the cluster needs.
check_port() {
  local port="$1" variable="$2" taken
  taken=$(ss -Hltnp "sport = :$port" 2>/dev/null || true)
  if [ -n "$taken" ]; then
    die "port $port is taken ($(echo "$taken" | grep -o 'users:(([^)]*' | head -n 1 | sed 's/users:((//')); set $variable to a free port"
  fi
}

write_conf() {
  local host cpus node
  host=$(hostname -s)
  # slurmd -C: this machine's NodeName line (CPUs, sockets, cores, threads, RealMemory).
  node=$(slurmd -C 2>/dev/null | grep '^NodeName=' | head -n 1)
  [ -n "$node" ] || die "slurmd -C could not describe this machine"
  cpus=$(echo "$node" | sed -n 's/.* CPUs=\([0-9]*\).*/\1/p')
  cat >"$CONF" <<EOF
# Written by scripts/slurm/local-cluster.sh: a one-node cluster on $host, state in $DIR.
ClusterName=emocorpus-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/slurmd
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$DIR/plugstack.conf
# No cgroups: processes are tracked through /proc, tasks are not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
# Cores and memory are the resources jobs ask for (--cpus-per-task, --mem).
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmctldTimeout=60
SlurmdTimeout=120
InactiveLimit=0
KillWait=10
MinJobAge=600
# This machine, as slurmd -C reports it.
$(echo "$node" | sed 's/ UpTime=.*//') State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  say "slurm.conf: node $host with $cpus CPUs, $(echo "$node" | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p') MB"
}

start_munge() {
  if alive_pid "$DIR/run/munged.pid" >/dev/null; then return 0; fi
  [ -s "$DIR/munge/munge.key" ] || mungekey --create --keyfile="$DIR/munge/munge.key" 2>/dev/null ||
    dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  chmod 0600 "$DIR/munge/munge.key"
  rm -f "$SOCKET" "$SOCKET.lock"
  munged --force --key-file="$DIR/munge/munge.key" --socket="$SOCKET" --pid-file="$DIR/run/munged.pid" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" >>"$DIR/log/munged.log" 2>&1 ||
    { log_tail "$DIR/log/munged.log"; die "munged did not start"; }
  local waited=0
  until munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1; do
    waited=$((waited + 1))
    [ "$waited" -le "$START_TIMEOUT" ] || { log_tail "$DIR/log/munged.log"; die "munged does not answer on $SOCKET"; }
    sleep 1
  done
}

start_slurmctld() {
  if alive_pid "$DIR/run/slurmctld.pid" >/dev/null; then return 0; fi
  slurmctld -f "$CONF" >>"$DIR/log/slurmctld.log" 2>&1 ||
    { log_tail "$DIR/log/slurmctld.log"; die "slurmctld did not start"; }
  local waited=0
  until scontrol ping 2>/dev/null | grep -q 'is UP'; do
    waited=$((waited + 1))
    [ "$waited" -le "$START_TIMEOUT" ] || { log_tail "$DIR/log/slurmctld.log"; die "slurmctld did not come up"; }
    sleep 1
  done
}

start_slurmd() {
  if ! alive_pid "$DIR/run/slurmd.pid" >/dev/null; then
    slurmd -f "$CONF" >>"$DIR/log/slurmd.log" 2>&1 || { log_tail "$DIR/log/slurmd.log"; die "slurmd did not start"; }
  fi
  local waited=0 state
  while :; do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)
    case "$state" in
      idle* | mixed* | allocated*) break ;;
    esac
    waited=$((waited + 1))
    if [ "$waited" -gt "$START_TIMEOUT" ]; then
      log_tail "$DIR/log/slurmd.log"
      die "the node did not become ready (state '${state:-none}'; sinfo -R says: $(sinfo -h -R -o '%E' 2>/dev/null | head -n 1))"
    fi
    sleep 1
  done
}

up() {
  install_packages
  if [ -d "$DIR" ] && [ ! -f "$MARK" ] && [ -n "$(ls -A "$DIR")" ]; then
    die "$DIR exists and was not made by this script: set EMOCORPUS_CLUSTER_DIR to another folder"
  fi
  mkdir -p "$DIR"/{munge,ctld,slurmd,run,log}
  touch "$MARK"
  chmod 0700 "$DIR/munge"
  [ -f "$DIR/plugstack.conf" ] || : >"$DIR/plugstack.conf"
  # A running cluster keeps its configuration; a stopped one gets it rewritten from this machine.
  if ! alive_pid "$DIR/run/slurmctld.pid" >/dev/null; then write_conf; fi
  # Ports are checked before anything starts, so a taken port leaves nothing running.
  alive_pid "$DIR/run/slurmctld.pid" >/dev/null || check_port "$CTLD_PORT" SLURMCTLD_PORT
  alive_pid "$DIR/run/slurmd.pid" >/dev/null || check_port "$SLURMD_PORT" SLURMD_PORT
  start_munge
  start_slurmctld
  start_slurmd
  # Commands run without SLURM_CONF find this cluster too: when the machine has no slurm.conf of
  # its own, /etc/slurm/slurm.conf points to this one until `down`.
  if [ ! -e "$SYSTEM_CONF" ] && [ ! -L "$SYSTEM_CONF" ] && [ -w "$(dirname "$SYSTEM_CONF")" ]; then
    ln -s "$CONF" "$SYSTEM_CONF"
  fi
  say "up: $(sinfo -h -N -o '%N %c CPUs %m MB %T' | head -n 1); logs in $DIR/log"
  echo "export SLURM_CONF=$CONF"
}

# Sends TERM to the daemon of a pid file, then KILL after 15 s; waits until it is gone.
stop_daemon() {
  local name="$1" file="$2" pid waited=0
  pid=$(alive_pid "$file") || { rm -f "$file"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    waited=$((waited + 1))
    if [ "$waited" -eq 15 ]; then
      say "$name ($pid) ignores TERM: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    [ "$waited" -le 30 ] || die "$name ($pid) does not stop"
    sleep 1
  done
  rm -f "$file"
}

down() {
  if [ ! -d "$DIR" ]; then
    say "down: nothing to stop ($DIR does not exist)"
    return 0
  fi
  [ -f "$MARK" ] || die "$DIR was not made by this script: not touching it"
  # Jobs first, so no job step outlives its slurmd.
  if alive_pid "$DIR/run/slurmctld.pid" >/dev/null; then
    local jobs waited=0
    jobs=$(squeue -h -o '%A' 2>/dev/null || true)
    if [ -n "$jobs" ]; then
      say "cancelling $(echo "$jobs" | wc -l) job(s)"
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null || true
      while [ -n "$(squeue -h -t running,completing -o '%A' 2>/dev/null)" ] && [ "$waited" -lt 30 ]; do
        sleep 1
        waited=$((waited + 1))
      done
    fi
  fi
  stop_daemon slurmd "$DIR/run/slurmd.pid"
  stop_daemon slurmctld "$DIR/run/slurmctld.pid"
  stop_daemon munged "$DIR/run/munged.pid"
  if [ -L "$SYSTEM_CONF" ] && [ "$(readlink "$SYSTEM_CONF")" = "$CONF" ]; then rm -f "$SYSTEM_CONF"; fi
  rm -rf "$DIR"
  say "down: daemons stopped, $DIR removed"
}

status() {
  local name
  for name in munged slurmctld slurmd; do
    if pid=$(alive_pid "$DIR/run/$name.pid"); then echo "$name running ($pid)"; else echo "$name not running"; fi
  done
  if alive_pid "$DIR/run/slurmctld.pid" >/dev/null; then
    sinfo -h -N -o 'node %N: %c CPUs, %m MB, %T'
    squeue
  fi
}

COMMAND="${1:-}"
case "$COMMAND" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status   (state in \$EMOCORPUS_CLUSTER_DIR, default $REPO/.cluster)" >&2
    exit 2
    ;;
esac
