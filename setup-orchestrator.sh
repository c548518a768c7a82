#!/usr/bin/env bash
# Sets up runner-orchestrator on this host: checks Docker and Compose, creates .env from .env.example,
# fills in API_TOKEN, WEBHOOK_SECRET and GRAFANA_ADMIN_PASSWORD with random values where blank,
# builds the runner image (apex-runner:local) and starts the compose stack (orchestrator, Redis,
# Prometheus, Grafana), then waits until the orchestrator reports healthy.
#
# Usage: ./setup-orchestrator.sh [--no-runner-image] [--no-start]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

readonly DEFAULT_RUNNER_IMAGE=apex-runner:local
readonly HEALTH_TIMEOUT_SECONDS="${HEALTH_TIMEOUT_SECONDS:-180}"
BUILD_RUNNER_IMAGE=true
START=true
COMPOSE=()

say() { printf '==> %s\n' "$*"; }
fail() { printf 'setup-orchestrator: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

parse_arguments() {
    while (($# > 0)); do
        case "$1" in
            --no-runner-image) BUILD_RUNNER_IMAGE=false ;;
            --no-start) START=false ;;
            -h | --help) usage; exit 0 ;;
            *) fail "unknown option '$1' (see --help)" ;;
        esac
        shift
    done
}

check_docker() {
    command -v docker >/dev/null \
        || fail "docker is not installed: see https://docs.docker.com/engine/install/"
    local problem
    if ! problem="$(docker info 2>&1 >/dev/null)"; then
        if [[ "$problem" == *"permission denied"* ]]; then
            fail "no permission to use Docker: add yourself to the docker group (sudo usermod -aG docker \"\$USER\", then log in again) or run with sudo"
        fi
        fail "the Docker engine does not answer (is it running? 'sudo systemctl start docker'): ${problem%%$'\n'*}"
    fi
    [[ -S /var/run/docker.sock ]] \
        || fail "/var/run/docker.sock is missing: the orchestrator mounts it to start runner containers (rootless Docker is not supported by docker-compose.yml)"
    say "docker: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown)"
}

find_compose() {
    if docker compose version >/dev/null 2>&1; then
        COMPOSE=(docker compose)
    elif command -v docker-compose >/dev/null; then
        COMPOSE=(docker-compose)
    else
        fail "Docker Compose is missing: install the compose plugin (apt-get install docker-compose-plugin) or docker-compose"
    fi
    say "compose: ${COMPOSE[*]}"
}

# env_value KEY: the value of KEY in .env (last one wins, surrounding quotes removed); empty when unset.
env_value() {
    local line value=""
    while IFS= read -r line || [[ -n "$line" ]]; do
        if [[ "$line" == "$1="* ]]; then value="${line#*=}"; fi
    done <.env
    value="${value%\"}"; value="${value#\"}"
    value="${value%\'}"; value="${value#\'}"
    printf '%s' "$value"
}

# env_value_or KEY DEFAULT
env_value_or() {
    local value
    value="$(env_value "$1")"
    printf '%s' "${value:-$2}"
}

# 32 random bytes as 64 hex digits.
random_secret() {
    od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}

# generate_secrets: a random value for each of these that .env leaves blank; values are never printed.
generate_secrets() {
    local key value
    for key in API_TOKEN WEBHOOK_SECRET GRAFANA_ADMIN_PASSWORD; do
        [[ -z "$(env_value "$key")" ]] || continue
        value="$(random_secret)"
        if grep -q "^$key=" .env; then
            sed -i "s/^$key=.*/$key=$value/" .env
        else
            printf '%s=%s\n' "$key" "$value" >>.env
        fi
        say "generated $key in .env"
    done
}

prepare_env_file() {
    if [[ ! -f .env ]]; then
        [[ -f .env.example ]] || fail ".env.example is missing: run this from a complete checkout of runner-orchestrator"
        cp .env.example .env
        chmod 600 .env
        say "created .env from .env.example"
        generate_secrets
        printf '%s\n' "Edit .env: set GITHUB_TOKEN (or the GITHUB_APP_* variables) and one of GITHUB_ORG or GITHUB_REPO, then run $0 again."
        exit 0
    fi
    [[ -n "$(env_value GITHUB_TOKEN)" || -n "$(env_value GITHUB_APP_ID)" || "$(env_value ORCHESTRATOR_DEMO)" == true ]] \
        || fail "neither GITHUB_TOKEN nor GITHUB_APP_ID is set in .env (a PAT with the repo scope for GITHUB_REPO or admin:org for GITHUB_ORG, or a GitHub App)"
    generate_secrets
    if [[ -z "$(env_value DOCKER_GID)" ]]; then
        # The orchestrator runs as a non-root user; it needs the group that owns the Docker socket.
        local gid
        gid="$(stat -c %g /var/run/docker.sock)"
        printf '\n# Group owning /var/run/docker.sock (added by setup-orchestrator.sh)\nDOCKER_GID=%s\n' "$gid" >>.env
        say "added DOCKER_GID=$gid to .env"
    fi
}

build_runner_image() {
    local image
    image="$(env_value_or ORCHESTRATOR_RUNNER_IMAGE "$DEFAULT_RUNNER_IMAGE")"
    if [[ "$BUILD_RUNNER_IMAGE" != true ]]; then
        say "skipped building the runner image ($image)"
    elif [[ "$image" == "$DEFAULT_RUNNER_IMAGE" ]]; then
        say "building the runner image $image (runner-image/Dockerfile)"
        docker build -f runner-image/Dockerfile -t "$image" . \
            || fail "building $image failed (is ghcr.io reachable? see the output above)"
    else
        say "pulling the runner image $image (ORCHESTRATOR_RUNNER_IMAGE)"
        docker image inspect "$image" >/dev/null 2>&1 || docker pull "$image" \
            || fail "cannot pull ORCHESTRATOR_RUNNER_IMAGE=$image"
    fi
}

wait_until_healthy() {
    local container state waited=0
    container="$("${COMPOSE[@]}" ps -q orchestrator)"
    [[ -n "$container" ]] || fail "the orchestrator container was not created (see '${COMPOSE[*]} logs orchestrator')"
    say "waiting for the orchestrator to report healthy (up to ${HEALTH_TIMEOUT_SECONDS}s)"
    while ((waited < HEALTH_TIMEOUT_SECONDS)); do
        state="$(docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$container")"
        case "$state" in
            "running healthy") return 0 ;;
            exited* | dead*)
                docker logs --tail 20 "$container" >&2 || true
                fail "the orchestrator stopped (exit code $(docker inspect --format '{{.State.ExitCode}}' "$container"); 2 means a configuration error, named in the line above)"
                ;;
        esac
        sleep 3
        waited=$((waited + 3))
    done
    fail "the orchestrator is not healthy after ${HEALTH_TIMEOUT_SECONDS}s (state: $state); see '${COMPOSE[*]} logs orchestrator'"
}

main() {
    parse_arguments "$@"
    check_docker
    find_compose
    prepare_env_file
    build_runner_image
    if [[ "$START" != true ]]; then
        say "ready; start with: ${COMPOSE[*]} up -d --build"
        return
    fi
    say "starting the stack"
    "${COMPOSE[@]}" up -d --build
    wait_until_healthy
    say "runner-orchestrator is up"
    printf '  API and status:  http://localhost:%s/api/v1/status\n' "$(env_value_or PORT 8080)"
    printf '  Prometheus:      http://localhost:%s\n' "$(env_value_or PROMETHEUS_PORT 9090)"
    printf '  Grafana:         http://localhost:%s (dashboard "Runner Orchestrator"; user admin, password GRAFANA_ADMIN_PASSWORD in .env)\n' "$(env_value_or GRAFANA_PORT 3000)"
    printf '  Webhook secret:  WEBHOOK_SECRET in .env (set the same on the GitHub webhook)\n'
    printf '  Runners:         docker ps --filter label=managed-by=runner-orchestrator\n'
}

main "$@"
