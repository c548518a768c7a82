package io.runnerorchestrator.core;

import java.time.Duration;
import java.util.Map;

/**
 * What the core reports for metrics. Every method does nothing by default, so the core and its tests
 * need no registry; the Micrometer binding lives in the app. Called from the reconcile thread.
 */
public interface OrchestratorMetrics {

    OrchestratorMetrics NOOP = new OrchestratorMetrics() {
    };

    /** Runners by state after each successful observation (every state present, zero included). */
    default void runners(Map<RunnerState, Integer> byState) {
    }

    /** Matching queued jobs and how long the oldest has waited (zero when none). */
    default void queue(int length, Duration oldestAge) {
    }

    default void scaledUp(StartReason reason) {
    }

    default void scaledDown(RemovalReason reason) {
    }

    /** A failed start: {@code cause} is {@code start_error}, {@code registration_error} or {@code boot_timeout}. */
    default void startFailed(String cause) {
    }

    /** From container creation to first seen online. */
    default void runnerBooted(Duration bootTime) {
    }

    /** One pass; {@code outcome} is {@code ok}, {@code github_error}, {@code backend_error} or {@code paused}. */
    default void reconciled(Duration duration, String outcome) {
    }

    /** A pass (or the scheduling of the next) ended in an unexpected exception, by its simple class name. */
    default void passFailed(String exception) {
    }

    default void stuckJob(long jobId) {
    }

    /** A runner of ours was seen turning busy. */
    default void jobStarted() {
    }

    /** A busy runner of ours was seen finished (gone or no longer busy). */
    default void jobCompleted() {
    }
}
