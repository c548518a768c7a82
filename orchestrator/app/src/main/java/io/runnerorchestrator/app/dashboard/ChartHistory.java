package io.runnerorchestrator.app.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The charts' data: one {@link DashboardState.Sample} per pass over the last {@code window}. Kept in
 * memory only: a restart starts the charts afresh, and Prometheus keeps the long history.
 */
final class ChartHistory {

    /** A bound even for a very short POLL_INTERVAL (one sample a second over an hour). */
    private static final int MAX_SAMPLES = 3600;

    private final Duration window;
    private final Deque<DashboardState.Sample> samples = new ArrayDeque<>();

    ChartHistory(Duration window) {
        this.window = window;
    }

    /** A sample of the same second as the last one replaces it (several passes can run in one second). */
    synchronized void record(DashboardState.Sample sample) {
        if (!samples.isEmpty() && samples.peekLast().t() >= sample.t()) {
            samples.removeLast();
        }
        samples.addLast(sample);
        long oldest = Instant.ofEpochSecond(sample.t()).minus(window).getEpochSecond();
        while (samples.size() > MAX_SAMPLES || samples.peekFirst().t() < oldest) {
            samples.removeFirst();
        }
    }

    synchronized List<DashboardState.Sample> all() {
        return List.copyOf(samples);
    }

    /** Samples from second {@code t} on (the last one may have been replaced since). */
    synchronized List<DashboardState.Sample> from(long t) {
        return samples.stream().filter(s -> s.t() >= t).toList();
    }
}
