package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Stretches the poll interval when the API budget runs low, so the remaining requests last until
 * the reset instead of running out early. Pure: figures and {@code now} in, an interval out.
 */
public final class RateLimitPacer {

    private final double reserveFraction;

    /**
     * @param reserveFraction share of the hourly limit kept back from polling, for registrations,
     *                        deletions and bursts (e.g. 0.1)
     */
    public RateLimitPacer(double reserveFraction) {
        if (reserveFraction < 0 || reserveFraction >= 1) {
            throw new IllegalArgumentException("rate-limit reserve must be in [0, 1), got " + reserveFraction);
        }
        this.reserveFraction = reserveFraction;
    }

    /**
     * The interval until the next poll: {@code base}, or longer when polling every {@code base}
     * would spend the budget (less the reserve) before it resets; the time to the reset when
     * nothing can be spent.
     *
     * @param costPerPass requests one poll charges (304 answers are free); see {@link #costBetween}
     */
    public Duration interval(Duration base, RateLimitStatus status, int costPerPass, Instant now) {
        if (!status.known() || costPerPass <= 0) {
            return base;
        }
        Duration untilReset = Duration.between(now, status.resetAt());
        if (untilReset.isNegative() || untilReset.isZero()) {
            return base;
        }
        long spendable = status.remaining() - (long) Math.ceil(status.limit() * reserveFraction);
        long passes = spendable / costPerPass;
        if (passes < 1) {
            return max(base, untilReset);
        }
        return max(base, untilReset.dividedBy(passes));
    }

    /**
     * What a pass cost, from the figures before and after it; 0 when the window was reset in
     * between (or nothing is known), as the difference then says nothing.
     */
    public static int costBetween(RateLimitStatus before, RateLimitStatus after) {
        if (!before.known() || !after.known() || !before.resetAt().equals(after.resetAt())) {
            return 0;
        }
        return Math.max(0, before.remaining() - after.remaining());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
