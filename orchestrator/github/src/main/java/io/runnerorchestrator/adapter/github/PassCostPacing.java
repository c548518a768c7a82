package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The loop's pacing: the poll interval, stretched by the {@link RateLimitPacer} when GitHub's budget
 * runs low. What a pass costs is learnt from the budget reported after one pass and the next; until
 * that is known a pass is assumed to cost {@link #ASSUMED_COST}. Called from the loop only.
 */
public final class PassCostPacing implements Function<RateLimitStatus, Duration> {

    /** The runner list, the queued runs and their jobs: what an ordinary pass asks for. */
    static final int ASSUMED_COST = 3;
    /** Share of the hourly budget kept for registrations, deletions and bursts. */
    static final double RESERVE = 0.1;

    private final RateLimitPacer pacer = new RateLimitPacer(RESERVE);
    private final Duration pollInterval;
    private final Clock clock;
    private RateLimitStatus last = RateLimitStatus.UNKNOWN;
    private int costPerPass = ASSUMED_COST;

    public PassCostPacing(Duration pollInterval, Clock clock) {
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public synchronized Duration apply(RateLimitStatus status) {
        if (!status.equals(last)) {
            int cost = RateLimitPacer.costBetween(last, status);
            if (cost > 0) {
                costPerPass = cost;
            }
            last = status;
        }
        return pacer.interval(pollInterval, status, costPerPass, clock.instant());
    }
}
