#!/usr/bin/env bash
# Stub of the runner's run.sh: shows its mode and user, and whether Docker answers as a job would see it.
printf 'run.sh %s jit=%s runner_token=%s user=%s\n' "$*" "${ACTIONS_RUNNER_INPUT_JITCONFIG:-none}" \
    "${RUNNER_TOKEN:-none}" "$(id -un)"
if server="$(docker version --format '{{.Server.Version}}' 2>/dev/null)"; then
    printf 'docker server=%s\n' "$server"
else
    printf 'docker server=none\n'
fi
