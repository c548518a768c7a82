package io.runnerorchestrator.bench.docker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in real time for the real world, with a deadline and a message naming what did not happen. */
final class Waits {
    private static final Duration POLL = Duration.ofMillis(100);

    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(POLL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
