#!/usr/bin/env bash
# Tiny assertion helpers shared by the deploy test scripts (sourced, not run).
# Each check prints one PASS/FAIL line; finish prints "N passed, N failed" and sets the exit code.

PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); printf 'PASS %s\n' "$1"; }
failed() { FAILED=$((FAILED + 1)); printf 'FAIL %s: %s\n' "$1" "$2"; }

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [[ "$2" == "$3" ]]; then pass "$1"; else failed "$1" "expected [$2], got [$3]"; fi
}

# check_contains NAME HAYSTACK NEEDLE
check_contains() {
    if [[ "$2" == *"$3"* ]]; then pass "$1"; else failed "$1" "[$3] not in [$2]"; fi
}

# check_not_contains NAME HAYSTACK NEEDLE
check_not_contains() {
    if [[ "$2" != *"$3"* ]]; then pass "$1"; else failed "$1" "[$3] found in [$2]"; fi
}

finish() {
    printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
    ((FAILED == 0))
}
