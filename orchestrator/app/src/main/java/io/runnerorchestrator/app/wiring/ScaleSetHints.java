package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.scaleset.JobMessage;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;

import java.util.function.Consumer;

/**
 * The scale set's job starts and completions as the core's hints, the way webhooks report them in REST
 * mode, so that the passes they trigger act on the news without reading GitHub's runner list.
 */
final class ScaleSetHints implements Consumer<JobMessage> {

    private final QueueHints hints;
    private final JobAssignments assignments;

    ScaleSetHints(QueueHints hints, JobAssignments assignments) {
        this.hints = hints;
        this.assignments = assignments;
    }

    @Override
    public void accept(JobMessage message) {
        long job = message.runnerRequestId();
        switch (message.type()) {
            case "JobStarted" -> message.runnerName().filter(name -> !name.isBlank()).ifPresent(runner -> {
                assignments.jobStarted(runner, job);
                hints.started(job, runner);
            });
            case "JobCompleted" -> {
                message.runnerName().filter(name -> !name.isBlank()).ifPresent(assignments::jobCompleted);
                hints.completed(job, message.runnerName().filter(name -> !name.isBlank()));
            }
            default -> {
                // the queue itself is read from the scale set's demand on every pass
            }
        }
    }
}
