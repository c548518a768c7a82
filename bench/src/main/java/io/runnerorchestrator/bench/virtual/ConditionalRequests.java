package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.measure.RequestTally;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What HttpGitHub's requests would cost on GitHub: a GET whose answer is unchanged since the client
 * last fetched the same URL is a free 304 (the client's ETag cache), any other answer and every
 * POST or DELETE is charged against an hourly budget that starts with the first request. When the
 * budget is spent every request fails as GitHub's 403 does. {@code fingerprint} stands for the
 * answer's body: equal fingerprints, equal bodies.
 */
final class ConditionalRequests {
    private static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final int limit;
    private final RequestTally tally;
    private final BooleanSupplier idle;
    private final Instant countFrom;
    private final Map<String, Long> etags = new HashMap<>();
    private int used;
    private int peakUsed;
    private Instant resetAt;

    /** @param countFrom requests before it (the pool's warm-up) are spent but not tallied */
    ConditionalRequests(Clock clock, int limit, RequestTally tally, BooleanSupplier idle, Instant countFrom) {
        this.clock = clock;
        this.countFrom = countFrom;
        this.limit = limit;
        this.tally = tally;
        this.idle = idle;
    }

    void get(String endpoint, String url, long fingerprint) {
        checkBudget(endpoint);
        Long cached = etags.put(url, fingerprint);
        boolean notModified = cached != null && cached == fingerprint;
        if (!notModified) {
            used++;
            peakUsed = Math.max(peakUsed, used);
        }
        tally(endpoint, notModified);
    }

    /** A POST, a DELETE, or a GET that answers 404: always charged. */
    void charged(String endpoint) {
        checkBudget(endpoint);
        used++;
        peakUsed = Math.max(peakUsed, used);
        tally(endpoint, false);
    }

    /** Drops a cached answer the client will never ask for again (the ETag cache evicts it in time). */
    void forget(String url) {
        etags.remove(url);
    }

    RateLimitStatus status() {
        return resetAt == null ? RateLimitStatus.UNKNOWN : new RateLimitStatus(limit, limit - used, resetAt);
    }

    /** The most requests charged within one budget window. */
    int peakPerWindow() {
        return peakUsed;
    }

    private void tally(String endpoint, boolean notModified) {
        if (!clock.instant().isBefore(countFrom)) {
            tally.record(endpoint, notModified, idle.getAsBoolean());
        }
    }

    private void checkBudget(String endpoint) {
        Instant now = clock.instant();
        if (resetAt == null || !now.isBefore(resetAt)) {
            used = 0;
            resetAt = now.plus(WINDOW);
        }
        if (used >= limit) {
            throw new GitHubException(GitHubException.Kind.RATE_LIMITED, 403,
                    endpoint + ": API rate limit exceeded (" + limit + " an hour)", resetAt, null);
        }
    }
}
