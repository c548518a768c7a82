#!/usr/bin/env bash
# Tests runner-image/entrypoint.sh (the apex-runner entrypoint) without the official runner image,
# which needs a registry: stub config.sh / run.sh record how they were called. The Docker-in-Docker
# refusal runs in an unprivileged container of the local Debian base image.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly ENTRYPOINT="$ROOT/runner-image/entrypoint.sh"
# shellcheck source=deploy/testlib.sh
source "$ROOT/deploy/testlib.sh"

STUBS="$(mktemp -d /tmp/ro-entrypoint-test.XXXXXX)"
readonly STUBS
trap 'rm -rf "$STUBS"' EXIT

cat >"$STUBS/config.sh" <<'STUB'
#!/usr/bin/env bash
printf 'config.sh %s token=%s\n' "$*" "${ACTIONS_RUNNER_INPUT_TOKEN:-none}"
STUB
cat >"$STUBS/run.sh" <<'STUB'
#!/usr/bin/env bash
printf 'run.sh %s jit=%s runner_token=%s\n' "$*" "${ACTIONS_RUNNER_INPUT_JITCONFIG:-none}" "${RUNNER_TOKEN:-none}"
STUB
chmod +x "$STUBS/config.sh" "$STUBS/run.sh"

# entry VAR=VALUE... [-- ARGS...]: runs the entrypoint with only these variables; prints output and rc
entry() {
    local vars=()
    while (($# > 0)) && [[ "$1" != -- ]]; do vars+=("$1"); shift; done
    if (($# > 0)); then shift; fi
    local out rc
    out="$(env -i PATH="$PATH" HOSTNAME=box1 RUNNER_HOME="$STUBS" "${vars[@]}" bash "$ENTRYPOINT" "$@" 2>&1)"
    rc=$?
    printf '%s\nrc=%s\n' "$out" "$rc"
}

out="$(entry ACTIONS_RUNNER_INPUT_JITCONFIG=eyJqaXQiOjF9)"
check_contains "jit mode runs run.sh with the config in its env" "$out" "run.sh  jit=eyJqaXQiOjF9"
check_not_contains "jit mode does not configure" "$out" "config.sh"
check_contains "jit mode exits with run.sh" "$out" "rc=0"

out="$(entry ACTIONS_RUNNER_INPUT_JITCONFIG=abc -- "$STUBS/run.sh" --once)"
check_contains "arguments run as given" "$out" "run.sh --once jit=abc"

out="$(entry RUNNER_TOKEN=AAA111 REPO_URL=https://github.com/acme/app RUNNER_NAME=r1 LABELS=linux,x64 \
    RUNNER_GROUP=ci DISABLE_AUTO_UPDATE=true RUNNER_WORKDIR=/tmp/w)"
check_contains "token mode configures a repo runner" "$out" \
    "config.sh --unattended --replace --url https://github.com/acme/app --name r1 --work /tmp/w --labels linux,x64 --runnergroup ci --ephemeral --disableupdate token=AAA111"
check_contains "token mode then runs run.sh without the token in its env" "$out" "run.sh  jit=none runner_token=none"
check_not_contains "the token is never logged" "$(grep -v '^config.sh' <<<"$out")" "AAA111"

out="$(entry RUNNER_TOKEN=t RUNNER_SCOPE=org ORG_NAME=acme GITHUB_HOST=http://127.0.0.1:9999 EPHEMERAL=false)"
check_contains "org scope uses GITHUB_HOST and ORG_NAME" "$out" "--url http://127.0.0.1:9999/acme --name runner-box1"
check_not_contains "EPHEMERAL=false drops --ephemeral" "$out" "--ephemeral"

out="$(entry RUNNER_TOKEN=t RUNNER_SCOPE=org ORG_NAME=acme GITHUB_HOST=ghe.example.com)"
check_contains "a bare GITHUB_HOST means https" "$out" "--url https://ghe.example.com/acme"

printf 'FILETOKEN42' >"$STUBS/token"
out="$(entry RUNNER_TOKEN_FILE="$STUBS/token" REPO_URL=https://github.com/acme/app RUNNER_NAME=r2)"
check_contains "token mode reads the token from RUNNER_TOKEN_FILE" "$out" "--name r2 --work _work --ephemeral token=FILETOKEN42"
check_contains "the token file is not passed on to run.sh" "$out" "run.sh  jit=none runner_token=none"
if [[ -e "$STUBS/token" ]]; then failed "the token file is deleted once read" "$STUBS/token still exists"; else pass "the token file is deleted once read"; fi
check_not_contains "the file's token is never logged" "$(grep -v '^config.sh' <<<"$out")" "FILETOKEN42"

out="$(entry RUNNER_TOKEN_FILE="$STUBS/missing" REPO_URL=https://github.com/acme/app)"
check_contains "a missing token file is named" "$out" "error: RUNNER_TOKEN_FILE=$STUBS/missing is not a readable file"
check_contains "a missing token file fails" "$out" "rc=1"

out="$(entry REPO_URL=https://github.com/acme/app)"
check_contains "token mode without RUNNER_TOKEN names it" "$out" "error: RUNNER_TOKEN_FILE or RUNNER_TOKEN is required"
check_contains "token mode without RUNNER_TOKEN fails" "$out" "rc=1"

out="$(entry RUNNER_TOKEN=t RUNNER_SCOPE=team)"
check_contains "an unknown RUNNER_SCOPE is refused" "$out" "RUNNER_SCOPE must be repo, org or ent, not 'team'"
check_not_contains "an unknown RUNNER_SCOPE does not start the runner" "$out" "run.sh"

out="$(entry RUNNER_TOKEN=t)"
check_contains "repo scope without REPO_URL names it" "$out" "error: REPO_URL is required"

# Docker-in-Docker outside a privileged container must stop with a clear message, not hang.
readonly DEBIAN_IMAGE="${DEBIAN_IMAGE:-runner-orchestrator-base/debian:bookworm}"
"$ROOT/deploy/build-base-images.sh" >/dev/null || { failed "base image" "deploy/build-base-images.sh failed"; finish; exit; }
out="$(docker run --rm --network host --name "ro-deploy-entrypoint-$$" \
    -v "$ENTRYPOINT:/entrypoint.sh:ro" -v "$STUBS:/stubs:ro" \
    -e RUNNER_HOME=/stubs -e ORCHESTRATOR_RUNNER_DOCKER=dind -e ACTIONS_RUNNER_INPUT_JITCONFIG=abc \
    "$DEBIAN_IMAGE" bash /entrypoint.sh 2>&1; printf 'rc=%s' "$?")"
check_contains "dind without --privileged is refused" "$out" \
    "error: ORCHESTRATOR_RUNNER_DOCKER=dind needs a privileged container"
check_contains "dind without --privileged exits 1" "$out" "rc=1"

finish
