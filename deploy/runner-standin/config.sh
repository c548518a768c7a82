#!/usr/bin/env bash
# Stub of the runner's config.sh: shows how it was called.
printf 'config.sh %s token=%s user=%s\n' "$*" "${ACTIONS_RUNNER_INPUT_TOKEN:-none}" "$(id -un)"
