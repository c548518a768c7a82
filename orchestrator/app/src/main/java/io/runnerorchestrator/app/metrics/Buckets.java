package io.runnerorchestrator.app.metrics;

import java.time.Duration;
import java.util.Arrays;

/** Histogram bucket bounds given in seconds, as Micrometer timers take them. */
final class Buckets {

    /** actions-runner-controller's buckets for job startup and execution, so its dashboards read the same. */
    static final Duration[] ARC_JOB_SECONDS = seconds(0.01, 0.05, 0.1, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15,
            18, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 150, 180, 210, 240, 300, 360, 420, 480, 540, 600,
            900, 1200, 1800, 2400, 3000, 3600);

    private Buckets() {
    }

    static Duration[] seconds(double... bounds) {
        return Arrays.stream(bounds).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
