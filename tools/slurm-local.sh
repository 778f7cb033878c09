#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for tests: `tools/slurm-local.sh start` brings up
# slurmctld and slurmd from Debian's slurm-wlm (auth/none, no accounting), with their
# configuration, state and logs in one directory; `tools/slurm-local.sh stop` stops them by
# their pid files and removes nothing else. The node's CPUs and memory are read from the
# machine. Clients find the cluster through SLURM_CONF: `start` prints
#   export SLURM_CONF=DIR/slurm.conf
# Directory: $SLURM_LOCAL_DIR, default /tmp/memsim-slurm-$(id -u). Ports: 6917 (slurmctld)
# and 6918 (slurmd), away from a real cluster's 6817/6818.
set -euo pipefail

dir="${SLURM_LOCAL_DIR:-/tmp/memsim-slurm-$(id -u)}"
conf="$dir/slurm.conf"
command="${1:-}"

# Whether process $1 is alive and is the daemon $2 (not a reused pid).
alive() {
    [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}

# Whether the pid in pid file $1 is alive and is the daemon $2.
running() {
    [ -s "$1" ] && alive "$(cat "$1")" "$2"
}

stop() {
    # Jobs first, so that no task outlives its cluster.
    if running "$dir/slurmctld.pid" slurmctld && [ -f "$conf" ]; then
        SLURM_CONF="$conf" scancel --full --user="$(id -un)" 2>/dev/null || true
        for _ in $(seq 50); do
            [ -z "$(SLURM_CONF="$conf" squeue -h -o %i 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    for daemon in slurmd slurmctld; do
        pidfile="$dir/$daemon.pid"
        if running "$pidfile" "$daemon"; then
            # The daemon removes its pid file before it exits: wait on the process itself.
            pid="$(cat "$pidfile")"
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 100); do alive "$pid" "$daemon" || break; sleep 0.1; done
            if alive "$pid" "$daemon"; then kill -9 "$pid" 2>/dev/null || true; fi
        fi
        rm -f "$pidfile"
    done
}

# Whether something listens on TCP port $1 of this machine.
listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$command" in
start)
    for tool in slurmctld slurmd sbatch squeue sinfo; do
        command -v "$tool" >/dev/null || { echo "slurm-local: $tool not found: install Debian's slurm-wlm" >&2; exit 1; }
    done
    stop
    for port in 6917 6918; do
        if listening "$port"; then
            echo "slurm-local: port $port is taken (another slurm-local cluster, or a real Slurm): stop it first" >&2
            exit 1
        fi
    done
    mkdir -p "$dir/state" "$dir/spool"
    node="$(hostname -s)"
    cpus="$(nproc)"
    memory_mb="$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)"
    user="$(id -un)"
    cat > "$conf" <<CONF
ClusterName=memsim-local
SlurmctldHost=$node
SlurmctldPort=6917
SlurmdPort=6918
SlurmUser=$user
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$conf"
    # A daemon that fails to start takes the other one down with it.
    trap 'stop' ERR
    slurmctld -f "$conf"
    slurmd -f "$conf" -N "$node"
    trap - ERR
    for _ in $(seq 100); do
        if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
            echo "export SLURM_CONF=$conf"
            exit 0
        fi
        sleep 0.2
    done
    echo "slurm-local: the node did not come up in 20 s; logs: $dir/slurmctld.log, $dir/slurmd.log" >&2
    stop
    exit 1
    ;;
stop)
    stop
    ;;
*)
    echo "usage: tools/slurm-local.sh start|stop" >&2
    exit 2
    ;;
esac
