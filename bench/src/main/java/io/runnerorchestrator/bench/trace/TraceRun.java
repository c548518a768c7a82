package io.runnerorchestrator.bench.trace;

import java.time.Duration;

/**
 * One workflow run of a trace: queued {@code at} after the trace starts, with {@code jobs} jobs
 * (a matrix when more than one) that each take {@code duration} once a runner has them.
 */
public record TraceRun(Duration at, int jobs, Duration duration) {
    public TraceRun {
        if (at.isNegative()) {
            throw new IllegalArgumentException("a run cannot be queued before the trace starts, got at=" + at);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("a run needs at least one job, got " + jobs);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a job cannot take negative time, got " + duration);
        }
    }
}
