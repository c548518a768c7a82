package io.runnerorchestrator.adapter.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds calls back while GitHub keeps failing: after the second call in a row that ended in a 5xx or
 * a network error (each after its own retries), no call is sent for {@link #BASE}, doubling with each
 * further failure up to {@link #CAP}. Any answer from GitHub below 500 ends the outage. So a 5xx storm
 * costs one failed call per hold, however often the reconcile loop asks. Thread-safe.
 */
final class OutageBackoff {

    static final Duration BASE = Duration.ofSeconds(5);
    static final Duration CAP = Duration.ofMinutes(2);

    private final Clock clock;
    private int consecutiveFailures;
    private Instant heldUntil = Instant.MIN;

    OutageBackoff(Clock clock) {
        this.clock = clock;
    }

    /** Until when calls are held back, if they are now. */
    synchronized Optional<Instant> heldUntil() {
        return clock.instant().isBefore(heldUntil) ? Optional.of(heldUntil) : Optional.empty();
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized void answered() {
        consecutiveFailures = 0;
        heldUntil = Instant.MIN;
    }

    /** A call failed for good with a 5xx or a network error; returns until when calls are held back. */
    synchronized Instant failed() {
        consecutiveFailures++;
        heldUntil = clock.instant().plus(hold(consecutiveFailures));
        return heldUntil;
    }

    /** No hold after one failure; then {@link #BASE} doubling, capped at {@link #CAP}. */
    static Duration hold(int consecutiveFailures) {
        if (consecutiveFailures < 2) {
            return Duration.ZERO;
        }
        int doublings = Math.min(consecutiveFailures - 2, 10);
        Duration hold = BASE.multipliedBy(1L << doublings);
        return hold.compareTo(CAP) > 0 ? CAP : hold;
    }
}
