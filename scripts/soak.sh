#!/usr/bin/env bash
# Chaos soak: github-sim with a steady job stream, two orchestrators sharing a redis-server of their
# own on the real Docker engine, and faults drawn from a seed (SIGKILL and restart of either
# instance, GitHub 5xx and rate-limit windows, a Redis restart, a broken runner image, lost answers).
# Ends with a table: jobs queued, completed, lost; busy runners removed; most runner containers at
# once against MAX; containers and registrations left; p95 wait outside fault windows. It fails when
# a job was lost, a busy runner removed, MAX exceeded or anything leaked.
#
# Usage: scripts/soak.sh [--short] [--minutes N] [--seed N]
#   --short      3 minutes (the variant `mvn verify` runs as ChaosSoakIT)
#   --minutes N  N minutes (default 60)
#   --seed N     the fault schedule's seed (default: random, printed; the same seed, the same faults)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=60
seed="${SOAK_SEED:-$((RANDOM * 32768 + RANDOM))}"
while (($# > 0)); do
    case "$1" in
        --short) minutes=3 ;;
        --minutes) minutes="${2:?--minutes needs a number}"; shift ;;
        --seed) seed="${2:?--seed needs a number}"; shift ;;
        -h | --help) sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) printf 'soak: error: unknown option %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
    shift
done
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { printf 'soak: error: --minutes must be a whole number, got %s\n' "$minutes" >&2; exit 2; }
[[ "$seed" =~ ^[0-9]+$ ]] || { printf 'soak: error: --seed must be a whole number, got %s\n' "$seed" >&2; exit 2; }

printf 'soak: %s min, seed %s\n' "$minutes" "$seed"
status=0
mvn -B -q verify -pl orchestrator/app -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ChaosSoakIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dsoak.duration="PT${minutes}M" -Dsoak.seed="$seed" || status=$?
report=orchestrator/app/target/soak-report.md
if [[ -f "$report" ]]; then
    cat "$report"
else
    printf 'soak: no report (see orchestrator/app/target/failsafe-reports)\n' >&2
fi
exit "$status"
