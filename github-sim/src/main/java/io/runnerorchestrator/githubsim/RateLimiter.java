package io.runnerorchestrator.githubsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub's primary rate limit: per token, {@code limit} requests in an hour-long window that
 * starts with the first request. A forced exhaustion makes every window empty until a given
 * instant, after which fresh windows start.
 */
final class RateLimiter {
    private static final Duration WINDOW = Duration.ofHours(1);
    /** What GitHub reports to a request without credentials. */
    private static final int UNAUTHENTICATED_LIMIT = 60;

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();
    private Instant exhaustedUntil = Instant.EPOCH;

    RateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    synchronized Snapshot peek(String token) {
        return window(token).snapshot(limit);
    }

    /** Counts one request against the token's window. */
    synchronized Snapshot consume(String token) {
        Window current = window(token);
        Window used = new Window(current.resetAt(), Math.min(limit, current.used() + 1));
        windows.put(token, used);
        return used.snapshot(limit);
    }

    Snapshot unauthenticated() {
        Instant reset = clock.instant().plus(WINDOW);
        return new Snapshot(UNAUTHENTICATED_LIMIT, 0, reset);
    }

    /** Every token has no requests left until {@code until} (rounded up to a whole second). */
    synchronized void exhaustUntil(Instant until) {
        exhaustedUntil = Instant.ofEpochSecond(Timestamps.epochSecondsCeil(until));
        windows.replaceAll((token, window) -> new Window(exhaustedUntil, limit));
    }

    synchronized void reset() {
        exhaustedUntil = Instant.EPOCH;
        windows.clear();
    }

    private Window window(String token) {
        Instant now = clock.instant();
        Window current = windows.get(token);
        if (current == null || !now.isBefore(current.resetAt())) {
            current = now.isBefore(exhaustedUntil) ? new Window(exhaustedUntil, limit) : new Window(now.plus(WINDOW), 0);
            windows.put(token, current);
        }
        return current;
    }

    private record Window(Instant resetAt, int used) {
        Snapshot snapshot(int limit) {
            return new Snapshot(limit, used, resetAt);
        }
    }

    /** The figures GitHub sends in {@code x-ratelimit-*} headers. */
    record Snapshot(int limit, int used, Instant resetAt) {
        int remaining() {
            return Math.max(0, limit - used);
        }

        boolean exhausted() {
            return remaining() == 0;
        }

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-ratelimit-limit", Integer.toString(limit));
            headers.put("x-ratelimit-remaining", Integer.toString(remaining()));
            headers.put("x-ratelimit-used", Integer.toString(used));
            headers.put("x-ratelimit-reset", Long.toString(Timestamps.epochSecondsCeil(resetAt)));
            headers.put("x-ratelimit-resource", "core");
            return headers;
        }
    }
}
