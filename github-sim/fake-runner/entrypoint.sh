#!/bin/sh
# Entrypoint of the fake runner image. With arguments it runs them (e.g. /home/runner/run.sh
# --jitconfig X, as with the official runner image). Without, it registers in token mode from the
# environment of myoung34/github-runner (the token in the file RUNNER_TOKEN_FILE, deleted once read,
# or RUNNER_TOKEN; RUNNER_NAME, RUNNER_SCOPE repo|org, REPO_URL
# or ORG_NAME + GITHUB_HOST, LABELS, EPHEMERAL, RUNNER_WORKDIR), then runs /home/runner/run.sh.
set -u

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

fail() {
    echo "fake-runner event=exiting reason=$1 code=1"
    exit 1
}

json_array_of_csv() {
    if [ -z "$1" ]; then
        printf '[]'
        return
    fi
    printf '%s' "$1" | awk -F, '{ printf "["; n = 0; for (i = 1; i <= NF; i++) { gsub(/^ +| +$/, "", $i);
        if ($i != "") { printf "%s\"%s\"", (n++ ? "," : ""), $i } } printf "]" }'
}

is_true() {
    case "$1" in
        true | TRUE | True | 1 | yes) return 0 ;;
        *) return 1 ;;
    esac
}

if [ -n "${RUNNER_TOKEN_FILE:-}" ]; then
    [ -r "$RUNNER_TOKEN_FILE" ] || fail "RUNNER_TOKEN_FILE-unreadable path=$RUNNER_TOKEN_FILE"
    RUNNER_TOKEN=$(cat "$RUNNER_TOKEN_FILE")
    # A Docker secret (swarm backend) is a read-only mount that cannot be deleted; it goes with the service.
    rm -f "$RUNNER_TOKEN_FILE" 2>/dev/null || grep -q " $RUNNER_TOKEN_FILE " /proc/mounts \
        || fail "RUNNER_TOKEN_FILE-undeletable path=$RUNNER_TOKEN_FILE"
    unset RUNNER_TOKEN_FILE
fi
[ -n "${RUNNER_TOKEN:-}" ] || fail "RUNNER_TOKEN-missing (ACCESS_TOKEN is not supported by the fake runner)"
name=${RUNNER_NAME:-fake-runner-$(hostname)}
case "${RUNNER_SCOPE:-repo}" in
    repo)
        [ -n "${REPO_URL:-}" ] || fail "REPO_URL-missing"
        url=$REPO_URL
        ;;
    org)
        [ -n "${ORG_NAME:-}" ] || fail "ORG_NAME-missing"
        host=${GITHUB_HOST:-github.com}
        case "$host" in
            *://*) url="$host/$ORG_NAME" ;;
            *) url="http://$host/$ORG_NAME" ;;
        esac
        ;;
    *) fail "RUNNER_SCOPE-unsupported scope=${RUNNER_SCOPE}" ;;
esac
api=$(printf '%s' "$url" | sed -n 's#^\([a-z][a-z]*://[^/]*\).*#\1#p')
[ -n "$api" ] || fail "url-invalid url=$url"
ephemeral=false
if is_true "${EPHEMERAL:-false}"; then
    ephemeral=true
fi
mkdir -p "${RUNNER_WORKDIR:-/home/runner/_work}"

body="{\"token\":\"$RUNNER_TOKEN\",\"name\":\"$name\",\"url\":\"$url\",\"ephemeral\":$ephemeral,\"labels\":$(json_array_of_csv "${LABELS:-}")}"
if ! answer=$(wget -q -O - --header 'Content-Type: application/json' --post-data "$body" "$api/_sim/runner/connect" 2>&1); then
    fail "registration-refused detail=$(printf '%s' "$answer" | tail -n 1 | sed 's/^wget: //')"
fi
runner_id=$(printf '%s' "$answer" | sed -n 's/.*"runner_id":\([0-9][0-9]*\).*/\1/p')
printf 'SIM_URL=%s\nRUNNER_ID=%s\n' "$api" "$runner_id" >/home/runner/.runner
echo "fake-runner event=registered mode=token runner_id=$runner_id name=$name scope=${RUNNER_SCOPE:-repo} ephemeral=$ephemeral"
exec /home/runner/run.sh
