package io.runnerorchestrator.adapter.github;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one call tries before it gives up.
 *
 * @param maxAttempts      tries per call, the first included; shared by 5xx, network errors and rate-limit waits
 * @param initialBackoff   pause after the first transient failure; doubles on each further one
 * @param maxBackoff       cap of that pause
 * @param maxRateLimitWait longest the client waits out a rate limit itself; beyond it the call
 *                         fails with {@code RATE_LIMITED} and the caller decides
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRateLimitWait) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (maxRateLimitWait.isNegative()) {
            throw new IllegalArgumentException("retry maxRateLimitWait must not be negative, got " + maxRateLimitWait);
        }
    }

    /**
     * Pause after failed attempt {@code attempt} (1-based): the exponential step, capped, with "equal
     * jitter" so that many clients do not retry in lockstep. Always within [step/2, step].
     *
     * @param jitter a random fraction in [0, 1)
     */
    public Duration backoff(int attempt, double jitter) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        long capMillis = maxBackoff.toMillis();
        int doublings = Math.min(attempt - 1, 62);
        long stepMillis = initialBackoff.toMillis();
        for (int i = 0; i < doublings && stepMillis < capMillis; i++) {
            stepMillis *= 2;
        }
        stepMillis = Math.min(stepMillis, capMillis);
        long half = stepMillis / 2;
        return Duration.ofMillis(half + (long) ((stepMillis - half) * jitter));
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("retry " + name + " must be positive, got " + value);
        }
    }
}
