#!/usr/bin/env bash
# Runs the orchestrator: builds the jar when it is missing or older than the sources, then starts
# it with the current environment (see README.md). Without GITHUB_TOKEN and GITHUB_APP_ID it starts
# the demo (an embedded GitHub simulator with bursts of jobs); for the demo it first builds the
# fake runner image when a Docker engine answers, else the demo runs simulated runners.
set -euo pipefail

cd "$(dirname "$0")"
JAR=orchestrator/app/target/runner-orchestrator.jar
FAKE_RUNNER_IMAGE=fake-runner:local

if [ ! -f "$JAR" ] || [ -n "$(find pom.xml orchestrator/pom.xml orchestrator/*/pom.xml orchestrator/*/src/main github-sim/pom.xml github-sim/src/main \
    -newer "$JAR" -print -quit)" ]; then
    echo "run.sh: building $JAR (mvn package, tests skipped)" >&2
    mvn -B -q -DskipTests package -pl orchestrator/app -am
fi

args=()
demo=false
if [ -z "${GITHUB_TOKEN:-}" ] && [ -z "${GITHUB_APP_ID:-}" ]; then
    echo "run.sh: neither GITHUB_TOKEN nor GITHUB_APP_ID is set: starting the demo" >&2
    args+=(--demo)
    demo=true
fi
case " $* ${ORCHESTRATOR_DEMO:-} " in
    *" --demo "* | *" true "* | *" TRUE "* | *" True "*) demo=true ;;
esac

if [ "$demo" = true ]; then
    if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
        github-sim/fake-runner/build-image.sh "$FAKE_RUNNER_IMAGE" >&2 ||
            echo "run.sh: building $FAKE_RUNNER_IMAGE failed: the demo will use simulated runners" >&2
    else
        echo "run.sh: no Docker engine answers: the demo will use simulated runners" >&2
    fi
fi

# ${args[@]+...}: an empty array is "unbound" for set -u in bash before 4.4 (macOS ships 3.2).
exec java -jar "$JAR" ${args[@]+"${args[@]}"} "$@"
