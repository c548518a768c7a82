package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * How long to wait before the next periodic pass so GitHub's remaining budget lasts until it resets:
 * the poll interval while the budget is ample, longer when it runs low. A tenth of the limit is kept
 * back for starting and removing runners and for other users of the same credentials.
 */
public final class RateLimitPacing implements Function<RateLimitStatus, Duration> {
    /** GitHub requests a quiet pass makes: runners, queued runs, in-progress runs, jobs of a run. */
    public static final int DEFAULT_CALLS_PER_PASS = 4;
    private static final int RESERVE_DIVISOR = 10;

    private final Duration pollInterval;
    private final int callsPerPass;
    private final Clock clock;

    public RateLimitPacing(Duration pollInterval, int callsPerPass, Clock clock) {
        if (callsPerPass < 1) {
            throw new IllegalArgumentException("callsPerPass must be at least 1, got " + callsPerPass);
        }
        this.pollInterval = pollInterval;
        this.callsPerPass = callsPerPass;
        this.clock = clock;
    }

    @Override
    public Duration apply(RateLimitStatus rate) {
        Duration untilReset = Duration.between(clock.instant(), rate.resetAt());
        if (!rate.known() || untilReset.isNegative() || untilReset.isZero()) {
            return pollInterval;
        }
        long spendable = rate.remaining() - rate.limit() / RESERVE_DIVISOR;
        Duration delay = spendable <= 0 ? untilReset : untilReset.multipliedBy(callsPerPass).dividedBy(spendable);
        return delay.compareTo(pollInterval) > 0 ? delay : pollInterval;
    }
}
