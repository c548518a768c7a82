package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.adapter.github.scaleset.JobMessage;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scale set's job starts and completions as the core's hints, as the application's ScaleSetHints
 * gives them (that class is the app's, and an adapter may not see the core's hints): the passes they
 * trigger act on the news without reading the REST runner list.
 */
final class ScaleSetNews implements Consumer<JobMessage> {
    private final QueueHints hints;
    private final JobAssignments assignments;

    ScaleSetNews(QueueHints hints, JobAssignments assignments) {
        this.hints = hints;
        this.assignments = assignments;
    }

    @Override
    public void accept(JobMessage message) {
        long job = message.runnerRequestId();
        Optional<String> runner = message.runnerName().filter(name -> !name.isBlank());
        switch (message.type()) {
            case "JobStarted" -> runner.ifPresent(name -> {
                assignments.jobStarted(name, job);
                hints.started(job, name);
            });
            case "JobCompleted" -> {
                runner.ifPresent(assignments::jobCompleted);
                hints.completed(job, runner);
            }
            default -> {
                // the queue itself is read from the scale set's demand on every pass
            }
        }
    }
}
