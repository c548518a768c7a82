#!/usr/bin/env bash
# A private Docker engine beside the machine's own: a dockerd with a socket, data root, exec root,
# pid file and containerd of its own (dockerd supervises a containerd under its exec root), no
# bridge and no iptables rules, so that a test can stop, kill and restart it without touching the
# engine at /var/run/docker.sock that everything else here uses. Runner containers on it use the
# host network. Needs root (dockerd does).
#
# Usage: scripts/private-dockerd.sh COMMAND NAME
#   start    starts the engine NAME unless it runs, waits until its API answers, prints its DOCKER_HOST
#   stop     SIGTERM: dockerd stops its containers (SIGTERM, SIGKILL after 10 s) and exits; roots kept
#   kill     SIGKILL: a crash; containers go on running until the next start stops them
#   restart  stop, then start with the same roots (restart --kill: kill, then start)
#   destroy  stop, unmount what dockerd left mounted, remove its directories (and the log, unless
#            PRIVATE_DOCKERD_LOG put it elsewhere) and its cgroups
#   host     prints its DOCKER_HOST (unix:///run/private-dockerd/NAME/docker.sock)
#   status   exit 0 when it runs
# NAME: letters, digits, '-' and '_' (up to 32). Files: /run/private-dockerd/NAME (socket, pid file,
# exec root), /var/lib/private-dockerd/NAME (data root); the log goes to PRIVATE_DOCKERD_LOG if set,
# else /run/private-dockerd/NAME/dockerd.log. PRIVATE_DOCKERD_START_TIMEOUT (s, default 90) bounds a
# start, PRIVATE_DOCKERD_STOP_TIMEOUT (s, default 60) a stop before it turns into a SIGKILL.
set -euo pipefail

usage() {
    sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

fail() {
    printf 'private-dockerd: error: %s\n' "$*" >&2
    exit 1
}

command=${1:-}
name=${2:-}
option=${3:-}
case "$command" in
    -h | --help | help) usage; exit 0 ;;
    start | stop | kill | restart | destroy | host | status) ;;
    *) usage >&2; exit 2 ;;
esac
[[ "$name" =~ ^[A-Za-z0-9_-]{1,32}$ ]] || fail "NAME must be 1-32 letters, digits, '-' or '_', got '$name'"
[[ -z "$option" || ("$command" == restart && "$option" == --kill) ]] || fail "unknown option '$option'"

run_dir=/run/private-dockerd/$name
data_root=/var/lib/private-dockerd/$name
socket=$run_dir/docker.sock
pidfile=$run_dir/docker.pid
log=${PRIVATE_DOCKERD_LOG:-$run_dir/dockerd.log}
host=unix://$socket
start_timeout=${PRIVATE_DOCKERD_START_TIMEOUT:-90}
stop_timeout=${PRIVATE_DOCKERD_STOP_TIMEOUT:-60}

pid() {
    if [[ -f "$pidfile" ]]; then
        cat "$pidfile" 2>/dev/null || true
    fi
}

running() {
    local p
    p=$(pid)
    [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == dockerd ]]
}

# Waits for dockerd and the containerd it supervised to be gone (containerd dies with it: dockerd
# starts it with a parent-death signal).
await_exit() {
    local p=$1 deadline=$((SECONDS + $2))
    while kill -0 "$p" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
    local containerd_pid
    containerd_pid=$(cat "$run_dir/exec/containerd/containerd.pid" 2>/dev/null || true)
    while [[ -n "$containerd_pid" ]] && kill -0 "$containerd_pid" 2>/dev/null \
        && [[ "$(cat "/proc/$containerd_pid/comm" 2>/dev/null)" == containerd ]]; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

start() {
    if running; then
        printf '%s\n' "$host"
        return 0
    fi
    command -v dockerd >/dev/null || fail "dockerd not found (Debian: apt-get install docker.io)"
    mkdir -p "$run_dir" "$data_root" "$(dirname "$log")"
    # A socket left by a killed dockerd would answer nothing; dockerd replaces it, but the wait
    # below must not mistake it for the new one.
    rm -f "$socket"
    # setsid: the engine outlives the shell that started it and gets no signal meant for the caller.
    setsid dockerd \
        --host "$host" \
        --data-root "$data_root" \
        --exec-root "$run_dir/exec" \
        --pidfile "$pidfile" \
        --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
        --cgroup-parent "/private-dockerd-$name" \
        >>"$log" 2>&1 </dev/null &
    local deadline=$((SECONDS + start_timeout))
    until [[ -S "$socket" ]] && docker -H "$host" version >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            tail -n 20 "$log" >&2 || true
            fail "engine $name did not answer within ${start_timeout}s (log $log)"
        fi
        sleep 0.2
    done
    printf '%s\n' "$host"
}

stop() {
    local signal=$1 p
    running || return 0
    p=$(pid)
    kill "-$signal" "$p"
    if ! await_exit "$p" "$stop_timeout"; then
        printf 'private-dockerd: %s still runs %ss after SIG%s, sending SIGKILL\n' "$name" "$stop_timeout" "$signal" >&2
        kill -KILL "$p" 2>/dev/null || true
        await_exit "$p" 30 || fail "engine $name (pid $p) did not exit"
    fi
}

# Every process in the engine's own cgroups: the containers a killed engine left (their shims
# outlive containerd). The cgroup parent is this engine's alone, so nothing else is hit.
cgroups() {
    local dir
    for dir in /sys/fs/cgroup/*/"private-dockerd-$name" /sys/fs/cgroup/"private-dockerd-$name"; do
        [[ -d "$dir" ]] && printf '%s\n' "$dir"
    done
    return 0
}

destroy() {
    # Through the engine first, so containers are stopped and their mounts undone as Docker does it
    # (a killed engine's containers still run: a start stops them).
    if [[ -d "$data_root" ]] && start >/dev/null; then
        local ids
        mapfile -t ids < <(docker -H "$host" ps -aq 2>/dev/null || true)
        ((${#ids[@]} == 0)) || docker -H "$host" rm -f "${ids[@]}" >/dev/null 2>&1 || true
    fi
    stop TERM
    local dir task shim
    for dir in $(cgroups); do
        while read -r task; do
            kill -KILL "$task" 2>/dev/null || true
        done < <(cat "$dir"/*/tasks "$dir"/tasks 2>/dev/null)
    done
    for shim in $(pgrep -f -- "containerd-shim-runc-v2 .*-address $run_dir/exec/" || true); do
        kill -KILL "$shim" 2>/dev/null || true
    done
    # dockerd bind-mounts its data root onto itself and leaves netns mounts: deepest first.
    local mount
    while read -r mount; do
        umount -l "$mount" 2>/dev/null || true
    done < <(awk -v a="$run_dir" -v b="$data_root" '$2 == a || index($2, a "/") == 1 || $2 == b || index($2, b "/") == 1 { print $2 }' /proc/mounts | sort -r)
    rm -rf "$run_dir" "$data_root"
    for dir in $(cgroups); do
        find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
    rmdir /run/private-dockerd /var/lib/private-dockerd 2>/dev/null || true
}

case "$command" in
    start) start ;;
    stop) stop TERM ;;
    kill) stop KILL ;;
    restart)
        if [[ "$option" == --kill ]]; then stop KILL; else stop TERM; fi
        start
        ;;
    destroy) destroy ;;
    host) printf '%s\n' "$host" ;;
    status) running ;;
esac
