#!/usr/bin/env bash
# Builds runner-image/Dockerfile (apex-runner) FROM a local stand-in of the official runner image
# (deploy/runner-standin) with the repository root as context, and runs it: JIT mode, token mode,
# and Docker-in-Docker in a privileged container. The DinD container gets --network none, so its
# inner daemon's bridge and iptables rules live in a namespace of their own, never the host's.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=deploy/testlib.sh
source "$ROOT/deploy/testlib.sh"

readonly STANDIN_IMAGE=runner-orchestrator-base/runner-standin:test
readonly IMAGE="${IMAGE:-apex-runner:test}"
readonly RUN_ID="ro-deploy-runner-$$"
readonly WAIT_SECONDS="${WAIT_SECONDS:-120}"
CONTAINERS=()

cleanup() {
    local name
    for name in "${CONTAINERS[@]}"; do docker rm -f -v "$name" >/dev/null 2>&1; done
}
trap cleanup EXIT

# run_once NAME ARGS...: a bounded docker run; prints its output then rc=N; removes the container
# and its anonymous volumes (the inner daemon's /var/lib/docker).
run_once() {
    local name="$RUN_ID-$1"
    shift
    CONTAINERS+=("$name")
    local out rc
    out="$(timeout "$WAIT_SECONDS" docker run --name "$name" --label "runner-orchestrator.test=$RUN_ID" "$@" 2>&1)"
    rc=$?
    docker rm -f -v "$name" >/dev/null 2>&1
    printf '%s\nrc=%s\n' "$out" "$rc"
}

start=$SECONDS
if ! "$ROOT/deploy/build-base-images.sh" >/dev/null \
    || ! docker build --network host --quiet -t "$STANDIN_IMAGE" "$ROOT/deploy/runner-standin" >/dev/null; then
    failed "stand-in base image" "could not build it"
    finish
    exit
fi
if docker build --network host --quiet --build-arg "RUNNER_BASE_IMAGE=$STANDIN_IMAGE" \
    -f "$ROOT/runner-image/Dockerfile" -t "$IMAGE" "$ROOT" >/dev/null; then
    pass "runner-image/Dockerfile builds with the repository root as context"
else
    failed "runner image" "docker build failed"
    finish
    exit
fi
printf 'time runner-image-build=%ss\n' "$((SECONDS - start))"
check_eq "the runner image runs as the runner user" "runner" "$(docker image inspect --format '{{.Config.User}}' "$IMAGE")"

out="$(run_once jit --network none -e ACTIONS_RUNNER_INPUT_JITCONFIG=eyJqaXQiOjF9 "$IMAGE")"
check_contains "JIT mode runs run.sh as runner with the config" "$out" "run.sh  jit=eyJqaXQiOjF9 runner_token=none user=runner"
check_contains "JIT mode exits with the runner" "$out" "rc=0"

out="$(run_once command --network none -e ACTIONS_RUNNER_INPUT_JITCONFIG=abc "$IMAGE" /home/runner/run.sh)"
check_contains "the command /home/runner/run.sh runs in JIT mode" "$out" "run.sh  jit=abc"

out="$(run_once token --network none -e RUNNER_TOKEN=AAA111 -e RUNNER_SCOPE=org -e ORG_NAME=acme \
    -e GITHUB_HOST=http://127.0.0.1:9 -e RUNNER_NAME=r1 -e LABELS=linux "$IMAGE")"
check_contains "token mode configures, then runs" "$out" \
    "config.sh --unattended --replace --url http://127.0.0.1:9/acme --name r1 --work _work --labels linux --ephemeral token=AAA111 user=runner"
check_contains "the runner does not see the registration token" "$out" "run.sh  jit=none runner_token=none"

out="$(run_once dind --network none --privileged -e ORCHESTRATOR_RUNNER_DOCKER=dind \
    -e ACTIONS_RUNNER_INPUT_JITCONFIG=abc "$IMAGE")"
check_contains "DinD starts dockerd before the runner" "$out" "dockerd.ready"
check_contains "jobs reach the inner Docker daemon as the runner user" "$out" "docker server="
check_not_contains "the inner Docker daemon answers" "$out" "docker server=none"
check_contains "DinD runs the runner after dockerd" "$out" "run.sh  jit=abc"

out="$(run_once no-dind --network none -e ACTIONS_RUNNER_INPUT_JITCONFIG=abc "$IMAGE")"
check_contains "without DinD no daemon runs" "$out" "docker server=none"

out="$(run_once dind-unprivileged --network none -e ORCHESTRATOR_RUNNER_DOCKER=dind -e ACTIONS_RUNNER_INPUT_JITCONFIG=abc "$IMAGE")"
check_contains "DinD in an unprivileged container is refused" "$out" "needs a privileged container"
check_contains "the refused runner exits 1" "$out" "rc=1"

finish
