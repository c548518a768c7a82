#!/usr/bin/env bash
# The benchmark: builds the bench module (with the orchestrator and github-sim it drives), makes sure
# the fake runner image exists when real Docker is used, then replays the traces under every
# scaling policy and prints a table per scenario. Results (results.md and a PNG per scenario) go to
# bench/target/results unless --out DIR is given. See docs/benchmarks.md.
#
#   scripts/bench.sh                                   # everything: virtual clock and real Docker
#   scripts/bench.sh --backend virtual                 # no Docker needed
#   scripts/bench.sh --backend swarm                   # burst-20 on a Docker Swarm (root: a private one is started)
#   scripts/bench.sh --trace bursty --policy ours --mode webhook
#   scripts/bench.sh --mode scaleset --mode webhook --policy ours   # demand from a runner scale set's messages
#   scripts/bench.sh generate-traces                   # rewrite bench/traces from their seeds
#
# BENCH_MAVEN_FLAGS is passed to mvn (e.g. -o to stay offline); BENCH_JAVA_OPTS to java.
# --backend swarm runs on the swarm whose manager BENCH_SWARM_HOST names; unset, a private
# single-node swarm (scripts/private-dockerd.sh, loopback only) is started and destroyed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a maven_flags <<<"${BENCH_MAVEN_FLAGS:-}"
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"

# Docker is needed unless only the virtual backend runs, or only traces are written.
needs_docker() {
    local previous="" virtual_only=false arg
    for arg in "$@"; do
        case "$previous:$arg" in
            *:generate-traces) return 1 ;;
            --backend:docker) return 0 ;;
            --backend:virtual) virtual_only=true ;;
        esac
        previous=$arg
    done
    [ "$virtual_only" = false ]
}

needs_swarm() {
    local previous="" arg
    for arg in "$@"; do
        [ "$previous:$arg" = "--backend:swarm" ] && return 0
        previous=$arg
    done
    return 1
}

# A private single-node swarm with the fake runner image, never the shared engine in swarm mode.
start_swarm() {
    local host
    host=$(bash scripts/private-dockerd.sh start swarm-bench)
    trap 'bash scripts/private-dockerd.sh destroy swarm-bench >/dev/null 2>&1 || true' EXIT
    if [ "$(docker -H "$host" info --format '{{.Swarm.LocalNodeState}}')" != "active" ]; then
        docker -H "$host" swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null
    fi
    docker save fake-runner:local | docker -H "$host" load -q >/dev/null
    export BENCH_SWARM_HOST="$host"
}

mvn -q -B -Dstyle.color=never "${maven_flags[@]}" -pl bench -am -DskipTests package
if needs_docker "$@"; then
    github-sim/fake-runner/build-image.sh
fi
if needs_swarm "$@" && [ -z "${BENCH_SWARM_HOST:-}" ]; then
    start_swarm
fi
java "${java_opts[@]}" -cp "bench/target/runner-orchestrator-bench.jar:bench/target/lib/*" \
    io.runnerorchestrator.bench.BenchMain "$@"
