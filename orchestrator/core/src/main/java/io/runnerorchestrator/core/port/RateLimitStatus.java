package io.runnerorchestrator.core.port;

import java.time.Instant;

/** GitHub's primary rate limit as last reported in {@code x-ratelimit-*} headers. */
public record RateLimitStatus(int limit, int remaining, Instant resetAt) {
    /** Before any answer was seen. */
    public static final RateLimitStatus UNKNOWN = new RateLimitStatus(-1, -1, Instant.EPOCH);

    public boolean known() {
        return limit >= 0;
    }
}
