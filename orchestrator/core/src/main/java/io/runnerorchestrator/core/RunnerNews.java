package io.runnerorchestrator.core;

import java.util.Optional;

/**
 * A runner of ours took a job or finished one, as a message stream (a scale set's, say) tells it:
 * the core's hints for the next pass and the status API's job of each runner, both at once.
 */
public final class RunnerNews {
    private final QueueHints hints;
    private final JobAssignments assignments;

    public RunnerNews(QueueHints hints, JobAssignments assignments) {
        this.hints = hints;
        this.assignments = assignments;
    }

    public void started(long jobId, String runnerName) {
        assignments.jobStarted(runnerName, jobId);
        hints.started(jobId, runnerName);
    }

    public void completed(long jobId, Optional<String> runnerName) {
        runnerName.ifPresent(assignments::jobCompleted);
        hints.completed(jobId, runnerName);
    }
}
