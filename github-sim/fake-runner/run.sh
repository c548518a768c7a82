#!/bin/sh
# Fake GitHub Actions runner (busybox sh + wget) that speaks github-sim's runner protocol.
# JIT mode: run.sh --jitconfig <encoded> (or ACTIONS_RUNNER_INPUT_JITCONFIG, or the file
# ACTIONS_RUNNER_INPUT_JITCONFIG_FILE names). Token mode: entrypoint.sh
# registers first and leaves /home/runner/.runner. Takes exactly one job, heartbeats while it runs,
# completes it after duration_ms, exits 0. On SIGTERM it exits at once (a running job is reported
# cancelled) after closing its session, as a real runner does, so no job is handed to it any more.
# Prints one line per event; never prints the JIT config or tokens.
set -u

RUNNER_FILE=/home/runner/.runner
POLL_S=${FAKE_RUNNER_POLL_S:-10}
HEARTBEAT_S=${FAKE_RUNNER_HEARTBEAT_S:-1}
MAX_FAILURES=30
BODY_FILE=/tmp/fake-runner.body
HEADER_FILE=/tmp/fake-runner.headers
API=""
RUNNER_ID=""
JOB_ID=""
WGET_PID=""
WORK_PID=""
HEARTBEAT_PID=""

event() {
    echo "fake-runner event=$*"
}

finish() {
    event "exiting reason=$1 code=$2"
    exit "$2"
}

json_string() {
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

json_number() {
    sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p"
}

# post PATH BODY: HTTP POST to the simulator in the background (so signals are handled at once);
# sets HTTP_STATUS (empty when the simulator was unreachable) and HTTP_BODY.
post() {
    rm -f "$BODY_FILE" "$HEADER_FILE"
    wget -S -q -O "$BODY_FILE" --header 'Content-Type: application/json' --post-data "$2" "$API$1" \
        2>"$HEADER_FILE" &
    WGET_PID=$!
    wait "$WGET_PID"
    WGET_PID=""
    HTTP_STATUS=$(sed -n 's/^ *HTTP\/[0-9.]* \([0-9][0-9]*\).*/\1/p' "$HEADER_FILE" | tail -n 1)
    HTTP_BODY=$(cat "$BODY_FILE" 2>/dev/null)
}

# shellcheck disable=SC2317 # called from the TERM trap
stop_background() {
    for pid in "$WGET_PID" "$WORK_PID" "$HEARTBEAT_PID"; do
        if [ -n "$pid" ]; then
            kill "$pid" 2>/dev/null
        fi
    done
    WGET_PID=""
    WORK_PID=""
    HEARTBEAT_PID=""
}

# shellcheck disable=SC2317 # the TERM trap
on_term() {
    stop_background
    if [ -n "$JOB_ID" ]; then
        post "/_sim/runner/$RUNNER_ID/complete" "{\"job_id\":$JOB_ID,\"conclusion\":\"cancelled\"}"
        event "job.cancelled job_id=$JOB_ID status=$HTTP_STATUS"
    fi
    disconnect
    finish terminated 0
}

disconnect() {
    if [ -n "$RUNNER_ID" ]; then
        post "/_sim/runner/$RUNNER_ID/disconnect" ""
    fi
}

heartbeat_loop() {
    while :; do
        sleep "$HEARTBEAT_S"
        wget -q -O /dev/null --post-data '' "$API/_sim/runner/$RUNNER_ID/heartbeat" 2>/dev/null
    done
}

seconds_of_ms() {
    printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}

connect_jit() {
    config=$(printf '%s' "$1" | base64 -d 2>/dev/null)
    API=$(printf '%s' "$config" | json_string url)
    if [ -z "$API" ]; then
        finish "invalid-jitconfig" 1
    fi
    post /_sim/runner/connect "{\"jit_config\":\"$1\"}"
    if [ "$HTTP_STATUS" != 200 ]; then
        finish "connect-refused status=${HTTP_STATUS:-unreachable}" 1
    fi
    RUNNER_ID=$(printf '%s' "$HTTP_BODY" | json_number runner_id)
    event "connected mode=jit runner_id=$RUNNER_ID name=$(printf '%s' "$config" | json_string name)"
}

load_registration() {
    # shellcheck source=/dev/null
    . "$RUNNER_FILE"
    API=$SIM_URL
    event "configured mode=token runner_id=$RUNNER_ID"
}

acquire_job() {
    failures=0
    while :; do
        post "/_sim/runner/$RUNNER_ID/acquire?wait_s=$POLL_S" ""
        case "$HTTP_STATUS" in
            200) return 0 ;;
            204) failures=0 ;;
            401 | 404) finish "unregistered status=$HTTP_STATUS" 0 ;;
            *)
                failures=$((failures + 1))
                if [ "$failures" -ge "$MAX_FAILURES" ]; then
                    finish "simulator-unreachable status=${HTTP_STATUS:-none}" 1
                fi
                sleep 1 &
                WORK_PID=$!
                wait "$WORK_PID"
                WORK_PID=""
                ;;
        esac
    done
}

run_job() {
    JOB_ID=$(printf '%s' "$HTTP_BODY" | json_number job_id)
    duration_ms=$(printf '%s' "$HTTP_BODY" | json_number duration_ms)
    event "job.started job_id=$JOB_ID duration_ms=${duration_ms:-0}"
    heartbeat_loop &
    HEARTBEAT_PID=$!
    sleep "$(seconds_of_ms "${duration_ms:-0}")" &
    WORK_PID=$!
    wait "$WORK_PID"
    WORK_PID=""
    kill "$HEARTBEAT_PID" 2>/dev/null
    HEARTBEAT_PID=""
    post "/_sim/runner/$RUNNER_ID/complete" "{\"job_id\":$JOB_ID,\"conclusion\":\"success\"}"
    event "job.completed job_id=$JOB_ID conclusion=success status=$HTTP_STATUS"
    JOB_ID=""
}

trap on_term TERM INT

jitconfig=${ACTIONS_RUNNER_INPUT_JITCONFIG:-}
# The swarm backend hands the JIT config over as a Docker secret file, never in the environment.
if [ -z "$jitconfig" ] && [ -n "${ACTIONS_RUNNER_INPUT_JITCONFIG_FILE:-}" ]; then
    [ -r "$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE" ] \
        || finish "jitconfig-file-unreadable path=$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE" 1
    jitconfig=$(cat "$ACTIONS_RUNNER_INPUT_JITCONFIG_FILE")
fi
while [ "$#" -gt 0 ]; do
    case "$1" in
        --jitconfig)
            jitconfig=${2:-}
            shift 2 || shift
            ;;
        *)
            shift
            ;;
    esac
done

if [ -n "$jitconfig" ]; then
    connect_jit "$jitconfig"
elif [ -f "$RUNNER_FILE" ]; then
    load_registration
else
    finish "not-configured (give --jitconfig, ACTIONS_RUNNER_INPUT_JITCONFIG or RUNNER_TOKEN)" 1
fi

acquire_job
run_job
disconnect
finish job-done 0
