package io.runnerorchestrator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff over failed runner starts (start errors and boot timeouts), so that a broken
 * image causes a slow trickle of probes instead of a create/delete storm. Reset when a runner comes
 * online. Used from the reconcile thread only.
 */
public final class StartFailureBackoff {
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_CAP = Duration.ofMinutes(10);

    private final Duration base;
    private final Duration cap;
    private int consecutive;
    private long total;
    private Instant retryAt;
    private String lastFailure;
    private String halted;

    public StartFailureBackoff(Duration base, Duration cap) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base=" + base + " cap=" + cap);
        }
        this.base = base;
        this.cap = cap;
    }

    /** Records one failed start; the next start waits base * 2^(failures-1), at most the cap. */
    public void recordFailure(Instant now, String cause) {
        consecutive++;
        total++;
        lastFailure = cause;
        retryAt = now.plus(delayAfter(consecutive));
    }

    /**
     * No start any more, whatever comes online: every runner of the image would fail the same way.
     * Only a restart (with a new image) clears it. True the first time.
     */
    public boolean halt(String cause) {
        boolean first = halted == null;
        halted = cause;
        lastFailure = cause;
        total++;
        return first;
    }

    /** A runner came online: the image works, starts are no longer held back. */
    public void recordBoot() {
        consecutive = 0;
        retryAt = null;
    }

    public BackoffStatus status() {
        return new BackoffStatus(consecutive, total, Optional.ofNullable(retryAt), Optional.ofNullable(lastFailure),
                Optional.ofNullable(halted));
    }

    Duration delayAfter(int failures) {
        // Doubling past 2^20 overflows nothing useful: the cap is reached long before.
        int shift = Math.min(failures - 1, 20);
        Duration delay = base.multipliedBy(1L << shift);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
