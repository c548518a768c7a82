package io.runnerorchestrator.bench.virtual;

import java.time.Duration;

/**
 * How the virtual world behaves where the real one takes time.
 *
 * @param startCost        engine time per container start, the JIT registration included (as many at a time as the start
 *                         concurrency)
 * @param boot             from container start to runner online
 * @param webhookDelay     from a job's change to the orchestrator hearing of it
 * @param rateLimitPerHour GitHub's primary rate limit for the token
 */
public record VirtualModel(Duration startCost, Duration boot, Duration webhookDelay, int rateLimitPerHour) {
    public VirtualModel {
        if (startCost.isNegative() || boot.isNegative() || webhookDelay.isNegative()) {
            throw new IllegalArgumentException("virtual model times must not be negative");
        }
        if (rateLimitPerHour < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 an hour, got " + rateLimitPerHour);
        }
    }

    public VirtualModel withRateLimit(int perHour) {
        return new VirtualModel(startCost, boot, webhookDelay, perHour);
    }
}
