package io.runnerorchestrator.adapter.github;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Keeps mutating calls (JIT registrations, deletions) within GitHub's secondary limits while letting a
 * burst's registrations run side by side: at most {@link #CONCURRENT} at once (GitHub allows 100
 * concurrent requests in all), and at most {@link #PER_MINUTE} begun in any minute (its guidance for
 * content-creating requests; a POST also costs 5 of the 900 points a REST endpoint may use a minute,
 * which allows 180). A call over the minute's budget waits for a token instead of being refused.
 */
final class MutationGate {
    static final int CONCURRENT = 10;
    static final int PER_MINUTE = 80;
    private static final long REFILL_NANOS = Duration.ofMinutes(1).toNanos() / PER_MINUTE;

    private final Semaphore running = new Semaphore(CONCURRENT, true);
    private double tokens = PER_MINUTE;
    private long refilledAt = System.nanoTime();

    <T> T pass(Supplier<T> call) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a mutating GitHub request", e);
        }
        try {
            awaitToken();
            return call.get();
        } finally {
            running.release();
        }
    }

    private void awaitToken() {
        long waitNanos;
        while ((waitNanos = takeToken()) > 0) {
            try {
                Thread.sleep(Math.max(1, waitNanos / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing mutating GitHub requests", e);
            }
        }
    }

    /** Zero when a token was taken, otherwise how long until the next one. */
    private synchronized long takeToken() {
        long now = System.nanoTime();
        tokens = Math.min(PER_MINUTE, tokens + (double) (now - refilledAt) / REFILL_NANOS);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) ((1 - tokens) * REFILL_NANOS);
    }
}
