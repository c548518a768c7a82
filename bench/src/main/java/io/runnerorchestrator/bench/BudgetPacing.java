package io.runnerorchestrator.bench;

import io.runnerorchestrator.adapter.github.RateLimitPacer;
import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The loop's pacing as the application wires it (app.wiring.PassCostPacing, which is not public):
 * the poll interval, stretched by the {@link RateLimitPacer} when GitHub's budget runs low, with the
 * cost of a pass learnt from the budget before and after it.
 */
public final class BudgetPacing implements Function<RateLimitStatus, Duration> {
    private static final int ASSUMED_COST = 3;
    private static final double RESERVE = 0.1;

    private final RateLimitPacer pacer = new RateLimitPacer(RESERVE);
    private final Duration pollInterval;
    private final Clock clock;
    private RateLimitStatus last = RateLimitStatus.UNKNOWN;
    private int costPerPass = ASSUMED_COST;

    public BudgetPacing(Duration pollInterval, Clock clock) {
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
