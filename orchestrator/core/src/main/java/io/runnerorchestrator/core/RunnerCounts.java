package io.runnerorchestrator.core;

import java.util.List;

/** The pool at a glance: {@code total} is starting + idle + busy. */
public record RunnerCounts(int total, int starting, int idle, int busy, int min, int max, int desired) {

    static RunnerCounts of(List<RunnerView> runners, ScalingSettings settings, int desired) {
        int starting = count(runners, RunnerState.STARTING);
        int idle = count(runners, RunnerState.IDLE);
        int busy = count(runners, RunnerState.BUSY);
        return new RunnerCounts(starting + idle + busy, starting, idle, busy, settings.minRunners(),
                settings.maxRunners(), desired);
    }

    private static int count(List<RunnerView> runners, RunnerState state) {
        return (int) runners.stream().filter(r -> r.state() == state).count();
    }
}
