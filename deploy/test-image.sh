#!/usr/bin/env bash
# Builds the orchestrator image from locally made base images (deploy/build-base-images.sh; no
# registry) and checks what a user of the image relies on: the JVM runs as a non-root user, a bad
# configuration exits 2 with one line naming the variable, the HEALTHCHECK command tells a healthy
# endpoint from a missing or failing one, and against github-sim (run from the same image) the
# container turns healthy and polls the simulator. Prints build times; re-runs reuse every cache.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=deploy/testlib.sh
source "$ROOT/deploy/testlib.sh"

readonly IMAGE="${IMAGE:-runner-orchestrator:test}"
readonly RUN_ID="ro-deploy-image-$$"
readonly WAIT_SECONDS="${WAIT_SECONDS:-180}"
WORK="$(mktemp -d /tmp/ro-deploy-image.XXXXXX)"
readonly WORK
CONTAINERS=()
SERVER_PID=""

cleanup() {
    local name
    for name in "${CONTAINERS[@]}"; do docker rm -f "$name" >/dev/null 2>&1; done
    # Runner containers the orchestrator under test started carry its instance label.
    for name in $(docker ps -aq --filter "label=runner-orchestrator.instance=$RUN_ID"); do
        docker rm -f -v "$name" >/dev/null 2>&1
    done
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# http_get URL: the body, or "error: ..." when the request fails
http_get() {
    python3 - "$1" <<'PY'
import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())
except Exception as e:
    print(f"error: {e}")
PY
}

# http_post URL JSON: the body, or "error: ..." when the request fails
http_post() {
    python3 - "$1" "$2" <<'PY'
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
try:
    print(urllib.request.urlopen(request, timeout=10).read().decode())
except Exception as e:
    print(f"error: {e}")
PY
}

# job_field STATE_JSON JOB_ID FIELD: one field of one job in github-sim's /_sim/state
job_field() {
    python3 -c 'import json, sys
state = json.loads(sys.argv[1])
print(next((str(j.get(sys.argv[3])) for j in state.get("jobs", []) if str(j["id"]) == sys.argv[2]), ""))' "$1" "$2" "$3" 2>/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# run_once NAME ARGS...: docker run on host networking, bounded in time; prints output then rc=N
run_once() {
    local name="$RUN_ID-$1"
    shift
    CONTAINERS+=("$name")
    local out rc
    out="$(timeout "$WAIT_SECONDS" docker run --name "$name" --network host --label "runner-orchestrator.test=$RUN_ID" "$@" 2>&1)"
    rc=$?
    docker rm -f "$name" >/dev/null 2>&1
    printf '%s\nrc=%s\n' "$out" "$rc"
}

seconds_since() { echo $((SECONDS - $1)); }

start=$SECONDS
if ! base_args="$("$ROOT/deploy/build-base-images.sh")"; then
    failed "base images" "deploy/build-base-images.sh failed"
    finish
    exit
fi
printf 'time base-images=%ss\n' "$(seconds_since "$start")"

start=$SECONDS
build_args=()
while IFS= read -r arg; do build_args+=(--build-arg "$arg"); done <<<"$base_args"
if docker build --network host --quiet "${build_args[@]}" -t "$IMAGE" "$ROOT" >"$WORK/build.log" 2>&1; then
    pass "the image builds from the local base images"
else
    failed "docker build" "$(tail -n 30 "$WORK/build.log")"
    finish
    exit
fi
printf 'time image-build=%ss\n' "$(seconds_since "$start")"

check_eq "the image runs as a non-root user" "10001:10001" "$(docker image inspect --format '{{.Config.User}}' "$IMAGE")"
check_eq "the image exposes 8080" "map[8080/tcp:{}]" "$(docker image inspect --format '{{.Config.ExposedPorts}}' "$IMAGE")"

# A bad configuration: one line naming the variable, exit status 2, long before any health check.
out="$(run_once bad-config -e GITHUB_REPO=acme/app -e GITHUB_TOKEN=ghp_secret123 -e MIN_RUNNERS=many "$IMAGE")"
check_contains "a bad MIN_RUNNERS exits 2" "$out" "rc=2"
check_eq "a bad MIN_RUNNERS is reported in one line" "1" "$(grep -vc '^rc=' <<<"$out")"
check_contains "the line names MIN_RUNNERS" "$out" "MIN_RUNNERS"
check_not_contains "the token is not in the error" "$out" "ghp_secret123"

out="$(run_once no-token -e GITHUB_REPO=acme/app "$IMAGE")"
check_contains "a missing GITHUB_TOKEN exits 2" "$out" "rc=2"
check_contains "the line names GITHUB_TOKEN" "$out" "GITHUB_TOKEN is not set"

# The image's own HEALTHCHECK command, run against a stand-in server on a chosen PORT.
mapfile -t health_cmd < <(docker image inspect --format '{{range .Config.Healthcheck.Test}}{{println .}}{{end}}' "$IMAGE" | sed '/^$/d')
check_eq "the healthcheck is an exec-form command" "CMD" "${health_cmd[0]:-}"
health_cmd=("${health_cmd[@]:1}")
mkdir -p "$WORK/www/api/v1"
echo '{"status":"UP"}' >"$WORK/www/api/v1/health"
health_port="$(free_port)"
python3 -m http.server "$health_port" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
SERVER_PID=$!
deadline=$((SECONDS + 30))
until [[ "$(http_get "http://127.0.0.1:$health_port/api/v1/health")" == *UP* ]]; do
    ((SECONDS < deadline)) || break
    sleep 0.2
done
out="$(run_once health-up -e "PORT=$health_port" --entrypoint "${health_cmd[0]}" "$IMAGE" "${health_cmd[@]:1}")"
check_contains "the healthcheck passes when /api/v1/health answers 200 on PORT" "$out" "rc=0"
rm "$WORK/www/api/v1/health"
out="$(run_once health-404 -e "PORT=$health_port" --entrypoint "${health_cmd[0]}" "$IMAGE" "${health_cmd[@]:1}")"
check_contains "the healthcheck fails when /api/v1/health answers 404" "$out" "rc=1"
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""
out="$(run_once health-down -e "PORT=$health_port" --entrypoint "${health_cmd[0]}" "$IMAGE" "${health_cmd[@]:1}")"
check_contains "the healthcheck fails when nothing listens" "$out" "rc=1"
check_contains "the failing healthcheck says why" "$out" "unhealthy url=http://127.0.0.1:$health_port/api/v1/health"

# github-sim out of process, from the image's own jar (it ships the simulator for the demo mode).
sim_port="$(free_port)"
sim="$RUN_ID-sim"
CONTAINERS+=("$sim")
docker run -d --name "$sim" --network host --label "runner-orchestrator.test=$RUN_ID" --entrypoint java "$IMAGE" \
    -Dloader.main=io.runnerorchestrator.githubsim.GitHubSimulatorMain -cp /app/runner-orchestrator.jar \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --port "$sim_port" --host 127.0.0.1 --token ghp_test --repo acme/app >/dev/null
readonly SIM_URL="http://127.0.0.1:$sim_port"
deadline=$((SECONDS + WAIT_SECONDS))
until [[ "$(http_get "$SIM_URL/_sim/state")" == *'"requests"'* ]] || ((SECONDS >= deadline)); do sleep 0.5; done

# The orchestrator against it: the container must turn healthy and poll the simulator. Its runners
# are fake runner containers (github-sim/fake-runner) on host networking, started through the
# mounted Docker socket; they carry this test's instance label.
"$ROOT/github-sim/fake-runner/build-image.sh" fake-runner:local >/dev/null 2>&1 \
    || failed "fake runner image" "github-sim/fake-runner/build-image.sh failed"
app_port="$(free_port)"
name="$RUN_ID-app"
CONTAINERS+=("$name")
start=$SECONDS
docker run -d --name "$name" --network host --label "runner-orchestrator.test=$RUN_ID" \
    --health-interval 2s --health-start-period 120s \
    -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
    -e "PORT=$app_port" -e "GITHUB_API_URL=$SIM_URL" -e "GITHUB_URL=$SIM_URL" -e GITHUB_TOKEN=ghp_test \
    -e GITHUB_REPO=acme/app -e MIN_RUNNERS=0 -e SCALE_UP_THRESHOLD=1 -e SCALE_DOWN_THRESHOLD=0 -e POLL_INTERVAL=2s \
    -e "ORCHESTRATOR_INSTANCE_ID=$RUN_ID" -e "ORCHESTRATOR_RUNNER_PREFIX=$RUN_ID" -e ORCHESTRATOR_RUNNER_NETWORK=host \
    -e ORCHESTRATOR_RUNNER_DOCKER=none -e ORCHESTRATOR_RUNNER_IMAGE=fake-runner:local \
    "$IMAGE" >/dev/null
state=""
deadline=$((SECONDS + WAIT_SECONDS))
while ((SECONDS < deadline)); do
    state="$(docker inspect --format '{{.State.Status}} {{.State.Health.Status}}' "$name" 2>&1)"
    [[ "$state" == "running healthy" || "$state" == exited* ]] && break
    sleep 1
done
check_eq "against github-sim the container turns healthy" "running healthy" "$state"
printf 'time healthy-after=%ss\n' "$((SECONDS - start))"
check_eq "the JVM runs as uid 10001" "10001" \
    "$(docker top "$name" -eo pid,uid,args 2>/dev/null | awk '/runner-orchestrator.jar/ {print $2; exit}')"
check_contains "the status endpoint answers from the image" "$(http_get "http://127.0.0.1:$app_port/api/v1/status")" "{"
sim_state=""
deadline=$((SECONDS + 30))
until [[ "$sim_state" == *'actions/runners"'* ]] || ((SECONDS >= deadline)); do
    sim_state="$(http_get "$SIM_URL/_sim/state")"
    sleep 1
done
check_contains "the orchestrator in the image lists runners on github-sim" "$sim_state" \
    '"GET /repos/{owner}/{repo}/actions/runners"'

# End to end: a job queued on github-sim gets a runner container from the orchestrator in the image
# and completes.
job_id="$(http_post "$SIM_URL/_sim/jobs" '{"repository":"acme/app","count":1,"labels":["self-hosted"],"duration_ms":500}' \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["job_ids"][0])' 2>/dev/null)"
job_status=""
deadline=$((SECONDS + WAIT_SECONDS))
while [[ -n "$job_id" && "$job_status" != completed ]] && ((SECONDS < deadline)); do
    sleep 1
    sim_state="$(http_get "$SIM_URL/_sim/state")"
    job_status="$(job_field "$sim_state" "$job_id" status)"
done
check_eq "a queued job on github-sim completes on a runner the image started" "completed success" \
    "$job_status $(job_field "$sim_state" "$job_id" conclusion)"
check_contains "the job ran on one of this orchestrator's runners" "$(job_field "$sim_state" "$job_id" runner_name)" "$RUN_ID"
if [[ "$state" != "running healthy" || "$job_status" != completed ]]; then
    docker logs --tail 20 "$name" 2>&1 | cut -c1-400 | sed 's/^/    log: /'
fi

finish
