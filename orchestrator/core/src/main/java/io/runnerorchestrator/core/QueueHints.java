package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code workflow_job} webhooks said since the last pass: a job queued, a runner took a job, a job
 * completed. A pass soon after a full look at GitHub applies them to that look instead of asking GitHub
 * again ({@link GitHubPicture}); the full look every POLL_INTERVAL stays the truth. Safe to call from
 * any thread.
 */
public final class QueueHints {

    /** One webhook's news. {@code job} is set for queued, {@code runnerName} for in_progress and completed. */
    record Hint(Action action, long jobId, Optional<QueuedJob> job, Optional<String> runnerName) {
    }

    enum Action { QUEUED, STARTED, COMPLETED }

    private final List<Hint> pending = new ArrayList<>();

    public synchronized void queued(QueuedJob job) {
        pending.add(new Hint(Action.QUEUED, job.id(), Optional.of(job), Optional.empty()));
    }

    public synchronized void started(long jobId, String runnerName) {
        pending.add(new Hint(Action.STARTED, jobId, Optional.empty(), Optional.of(runnerName)));
    }

    public synchronized void completed(long jobId, Optional<String> runnerName) {
        pending.add(new Hint(Action.COMPLETED, jobId, Optional.empty(), runnerName));
    }

    synchronized List<Hint> drain() {
        List<Hint> hints = List.copyOf(pending);
        pending.clear();
        return hints;
    }
}
