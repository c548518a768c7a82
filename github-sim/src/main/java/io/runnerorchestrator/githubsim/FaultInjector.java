package io.runnerorchestrator.githubsim;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Trouble on demand for the API (never for {@code /_sim/*} or {@code /rate_limit}): server
 * errors for the next N calls, an exhausted rate limit until a reset, slow answers, answers that
 * come too late for calls that took effect.
 */
public final class FaultInjector {
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private int serverErrors;
    private int slowCount;
    private Duration slowDelay = Duration.ZERO;
    private int lostCount;
    private Duration lostDelay = Duration.ZERO;

    FaultInjector(RateLimiter rateLimiter, Clock clock) {
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** The next {@code count} API calls answer 502. */
    public synchronized FaultInjector serverErrors(int count) {
        requireNotNegative(count, "count");
        serverErrors = count;
        return this;
    }

    /** Every token has no requests left for {@code duration}: calls answer 403 with x-ratelimit-remaining 0. */
    public FaultInjector exhaustRateLimit(Duration duration) {
        rateLimiter.exhaustUntil(clock.instant().plus(duration));
        return this;
    }

    /** The next {@code count} API calls are answered after {@code delay}. */
    public synchronized FaultInjector slow(Duration delay, int count) {
        requireNotNegative(count, "count");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        slowDelay = delay;
        slowCount = count;
        return this;
    }

    /**
     * The next {@code count} API calls are carried out at once but answered only after {@code delay}: a
     * client that gives up sooner has lost the answer to a call that took effect.
     */
    public synchronized FaultInjector lostAnswers(int count, Duration delay) {
        requireNotNegative(count, "count");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        lostDelay = delay;
        lostCount = count;
        return this;
    }

    /** No more faults; rate-limit windows start afresh. */
    public synchronized FaultInjector clear() {
        serverErrors = 0;
        slowCount = 0;
        slowDelay = Duration.ZERO;
        lostCount = 0;
        lostDelay = Duration.ZERO;
        rateLimiter.reset();
        return this;
    }

    synchronized boolean takeServerError() {
        if (serverErrors == 0) {
            return false;
        }
        serverErrors--;
        return true;
    }

    synchronized Optional<Duration> takeDelay() {
        if (slowCount == 0) {
            return Optional.empty();
        }
        slowCount--;
        return Optional.of(slowDelay);
    }

    synchronized Optional<Duration> takeLostAnswer() {
        if (lostCount == 0) {
            return Optional.empty();
        }
        lostCount--;
        return Optional.of(lostDelay);
    }

    private static void requireNotNegative(int count, String name) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + count);
        }
    }
}
