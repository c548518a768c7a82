package io.runnerorchestrator.core;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which job each runner of ours runs, as webhooks, a scale set's messages or a queue scan's jobs report it
 * (GitHub's runner list does not say).
 * For the status API only: scaling never depends on it. Safe to call from any thread.
 */
public final class JobAssignments {
    private final Map<String, Long> jobByRunner = new ConcurrentHashMap<>();

    /** A {@code workflow_job} {@code in_progress} event, or a scanned job in progress, named this runner. */
    public void jobStarted(String runnerName, long jobId) {
        jobByRunner.put(runnerName, jobId);
    }

    /** A {@code workflow_job} {@code completed} event named this runner. */
    public void jobCompleted(String runnerName) {
        jobByRunner.remove(runnerName);
    }

    public Optional<Long> jobOf(String runnerName) {
        return Optional.ofNullable(jobByRunner.get(runnerName));
    }

    /** Forgets runners that no longer exist, so events for other runners cannot pile up. */
    void retainOnly(Collection<String> runnerNames) {
        jobByRunner.keySet().retainAll(runnerNames);
    }
}
