#!/usr/bin/env bash
# Runs the orchestrator: builds the jar when it is missing or older than the sources, then starts
# it with the current environment (see README.md). Without GITHUB_TOKEN or GITHUB_APP_ID it starts in demo mode.
set -euo pipefail

cd "$(dirname "$0")"
JAR=orchestrator/target/runner-orchestrator.jar

if [ ! -f "$JAR" ] || [ -n "$(find pom.xml orchestrator/pom.xml orchestrator/src github-sim/pom.xml github-sim/src \
    -newer "$JAR" -print -quit)" ]; then
    echo "run.sh: building $JAR" >&2
    mvn -B -q -DskipTests package -pl orchestrator -am
fi

args=()
if [ -z "${GITHUB_TOKEN:-}" ] && [ -z "${GITHUB_APP_ID:-}" ]; then
    echo "run.sh: neither GITHUB_TOKEN nor GITHUB_APP_ID is set: starting in demo mode" >&2
    args+=(--demo)
fi
exec java -jar "$JAR" "${args[@]}" "$@"
