#!/usr/bin/env bash
# The README's test command. Installs what the tests need when it is missing (Debian, as root or
# with sudo), makes sure a Docker engine and a redis on 127.0.0.1:6379 answer, builds the fake
# runner image, then runs `mvn -B verify` with any extra arguments passed through.
# With CI=true a missing or unstartable engine or redis fails the run; it is never skipped.
set -euo pipefail

cd "$(dirname "$0")/.."
export CI="${CI:-false}"
STATE_DIR="${TMPDIR:-/tmp}/runner-orchestrator-test"
DEADLINE_SECONDS=60

log() {
    printf 'test.sh: %s\n' "$*" >&2
}

# In CI a missing service ends the run; on a workstation the tests that need it will say so.
trouble() {
    if [ "$CI" = "true" ]; then
        log "error: $*"
        exit 1
    fi
    log "warning: $*"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

install_missing() {
    local packages=()
    command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
    package_installed busybox-static || packages+=(busybox-static)
    command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
    command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
    command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null 2>&1 || packages+=(maven)
    # The dashboard's tests render the page in a real headless browser (e2e.HeadlessChromium).
    command -v chromium >/dev/null 2>&1 || packages+=(chromium)
    if [ ${#packages[@]} -eq 0 ]; then
        return 0
    fi
    log "installing ${packages[*]}"
    if ! { as_root apt-get update -q &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"; }; then
        trouble "could not install ${packages[*]} (run as root, or with sudo available)"
    fi
}

# Polls "$@" once a second until it succeeds or the deadline passes.
wait_for() {
    local deadline=$((SECONDS + DEADLINE_SECONDS))
    until "$@"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            return 1
        fi
        sleep 1
    done
}

engine_answers() {
    docker info >/dev/null 2>&1
}

ensure_docker() {
    if engine_answers; then
        return 0
    fi
    if ! command -v dockerd >/dev/null 2>&1; then
        trouble "no Docker engine answers and dockerd is not installed"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        trouble "no Docker engine answers, and starting dockerd needs root or sudo"
        return 0
    fi
    local log_file="$STATE_DIR/dockerd.log"
    log "no Docker engine answers: starting dockerd (log: $log_file)"
    # No bridge and no iptables: works in containers and VMs without those kernel features;
    # the tests run runner containers on the host network.
    as_root nohup dockerd --bridge=none --iptables=false >"$log_file" 2>&1 &
    if ! wait_for engine_answers; then
        trouble "dockerd did not answer within ${DEADLINE_SECONDS}s; see $log_file"
    fi
}

redis_answers() {
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
}

ensure_redis() {
    if command -v redis-cli >/dev/null 2>&1 && redis_answers; then
        return 0
    fi
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        trouble "no redis answers on 127.0.0.1:6379 and redis-server is not installed"
        return 0
    fi
    log "no redis answers on 127.0.0.1:6379: starting redis-server (log: $STATE_DIR/redis.log)"
    # Daemonized, loopback only, nothing written to disk: a scratch store for the tests.
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
        --dir "$STATE_DIR" --logfile "$STATE_DIR/redis.log" --pidfile "$STATE_DIR/redis.pid" ||
        trouble "redis-server did not start; see $STATE_DIR/redis.log"
    if ! wait_for redis_answers; then
        trouble "redis did not answer within ${DEADLINE_SECONDS}s; see $STATE_DIR/redis.log"
    fi
}

build_fake_runner_image() {
    local script=github-sim/fake-runner/build-image.sh
    if [ ! -f "$script" ]; then
        return 0
    fi
    log "building the fake runner image ($script)"
    bash "$script" || trouble "$script failed"
}

# The swarm backend's tests need a Docker Swarm, and the shared engine must never be put in swarm
# mode: a private dockerd (scripts/private-dockerd.sh, its own socket and roots, no bridge, no
# iptables) becomes a single-node swarm listening on loopback only, gets the fake runner image, and
# is named to the tests in ORCHESTRATOR_TEST_SWARM_HOST. It is destroyed when the run ends.
SWARM_ENGINE=swarm-test
swarm_started=false

ensure_swarm() {
    if [ "$(id -u)" -ne 0 ]; then
        trouble "the swarm tests need a private dockerd, which needs root"
        return 0
    fi
    local host
    if ! host=$(PRIVATE_DOCKERD_LOG="$STATE_DIR/swarm-dockerd.log" bash scripts/private-dockerd.sh start "$SWARM_ENGINE"); then
        trouble "the private dockerd for the swarm tests did not start; see $STATE_DIR/swarm-dockerd.log"
        return 0
    fi
    swarm_started=true
    if [ "$(docker -H "$host" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != "active" ] &&
        ! docker -H "$host" swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null; then
        trouble "docker swarm init failed on $host"
        return 0
    fi
    if ! docker save fake-runner:local | docker -H "$host" load -q >/dev/null; then
        trouble "could not load fake-runner:local into the test swarm"
        return 0
    fi
    export ORCHESTRATOR_TEST_SWARM_HOST="$host"
    log "test swarm: $host"
}

stop_swarm() {
    if [ "$swarm_started" = "true" ]; then
        bash scripts/private-dockerd.sh destroy "$SWARM_ENGINE" >/dev/null 2>&1 || log "warning: could not destroy $SWARM_ENGINE"
    fi
}

# The deployment tests (compose file, scripts, runner image, orchestrator image built from local
# base images) run first, so that Maven's test summary stays the last word of the run.
# SKIP_DEPLOY_TESTS=true leaves them out of a quick local run; CI always runs them.
run_deploy_tests() {
    if [ "${SKIP_DEPLOY_TESTS:-false}" = "true" ] && [ "$CI" != "true" ]; then
        log "SKIP_DEPLOY_TESTS=true: deployment tests left out"
        return 0
    fi
    log "deployment tests (deploy/test-all.sh; log: $STATE_DIR/deploy-tests.log)"
    if ! bash deploy/test-all.sh >"$STATE_DIR/deploy-tests.log" 2>&1; then
        grep -E '^(FAIL|== )' "$STATE_DIR/deploy-tests.log" >&2 || true
        log "error: deployment tests failed; see $STATE_DIR/deploy-tests.log"
        return 1
    fi
    log "deployment tests: $(grep -E 'passed, [0-9]+ failed$' "$STATE_DIR/deploy-tests.log" | tail -n 1)"
}

mkdir -p "$STATE_DIR"
install_missing
ensure_docker
ensure_redis
build_fake_runner_image
trap stop_swarm EXIT
ensure_swarm
run_deploy_tests
log "mvn -B verify $*"
mvn -B verify "$@"
