#!/usr/bin/env bash
# Runs every deployment test: the deploy files (seconds), the runner entrypoint (seconds), the
# runner image (about 20 s once its images exist) and the orchestrator image (a couple of minutes
# once the base images exist; several on the first run, which builds them). Installs the Debian
# packages they need when missing (as root). Ends with one "N passed, N failed" line.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT

install_missing() {
    local packages=() tool
    for tool in debootstrap:debootstrap shellcheck:shellcheck docker-compose:docker-compose \
        promtool:prometheus python3:python3; do
        command -v "${tool%%:*}" >/dev/null 2>&1 || packages+=("${tool#*:}")
    done
    python3 -c 'import yaml' 2>/dev/null || packages+=(python3-yaml)
    ((${#packages[@]} == 0)) && return 0
    printf 'test-all: installing %s\n' "${packages[*]}" >&2
    if [[ $EUID -ne 0 ]]; then
        printf 'test-all: error: not root: install %s first\n' "${packages[*]}" >&2
        return 1
    fi
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${packages[@]}" >/dev/null
}

install_missing || exit 1
passed=0
failed=0
for test in test-deploy-files.sh test-runner-entrypoint.sh test-runner-image.sh test-image.sh; do
    printf '== deploy/%s\n' "$test"
    start=$SECONDS
    output="$("$ROOT/deploy/$test" 2>&1)"
    printf '%s\n' "$output" | grep -v -E '^(DEPRECATED|            Install the buildx|            https://docs.docker.com/go/buildx)'
    summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$output" | tail -n 1)"
    if [[ -z "$summary" ]]; then
        failed=$((failed + 1))
        printf 'FAIL deploy/%s ended without a summary\n' "$test"
        continue
    fi
    read -r p _ f _ <<<"$summary"
    passed=$((passed + p))
    failed=$((failed + f))
    printf 'time deploy/%s=%ss\n' "$test" "$((SECONDS - start))"
done
printf 'deploy: %s passed, %s failed\n' "$passed" "$failed"
((failed == 0))
