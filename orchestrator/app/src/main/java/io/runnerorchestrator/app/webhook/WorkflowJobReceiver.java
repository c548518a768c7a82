package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.QueuedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what an authenticated delivery causes: a hint of what changed in the queue, and a reconcile
 * pass. The passes re-read GitHub and Docker every POLL_INTERVAL whatever the hints said, so a lost or
 * repeated delivery costs nothing but latency.
 */
public final class WorkflowJobReceiver {

    public static final String EVENT = "workflow_job";
    /** Actions that need a runner (queued) or change what a runner is doing (in_progress, completed). */
    private static final Set<String> TRIGGERING_ACTIONS = Set.of("queued", "in_progress", "completed");
    private static final Logger log = LoggerFactory.getLogger(WorkflowJobReceiver.class);

    private final ServedLabels servedLabels;
    private final Coordinator coordinator;
    private final ReconcileTrigger trigger;
    private final JobAssignments assignments;
    private final QueueHints hints;
    private final Clock clock;
    private final ObjectMapper json;

    /**
     * @param assignments where in_progress and completed events report which runner runs which job
     * @param hints       where every event reports what changed in the queue, for the pass it triggers
     */
    public WorkflowJobReceiver(ServedLabels servedLabels, Coordinator coordinator, ReconcileTrigger trigger,
                               JobAssignments assignments, QueueHints hints, Clock clock, ObjectMapper json) {
        this.servedLabels = servedLabels;
        this.coordinator = coordinator;
        this.trigger = trigger;
        this.assignments = assignments;
        this.hints = hints;
        this.clock = clock;
        this.json = json;
    }

    public WebhookAnswer receive(String event, String deliveryId, byte[] body) {
        if (event == null || event.isBlank()) {
            throw WebhookRejection.badRequest("X-GitHub-Event header is missing");
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            throw WebhookRejection.badRequest("X-GitHub-Delivery header is missing");
        }
        if (!EVENT.equals(event)) {
            return answer(deliveryId, event, null, "ignored: only workflow_job events are handled");
        }
        WorkflowJobEvent job;
        try {
            job = WorkflowJobEvent.parse(body, json);
        } catch (MalformedPayloadException e) {
            throw WebhookRejection.badRequest(e.getMessage());
        }
        if (!coordinator.firstDelivery(deliveryId)) {
            return answer(deliveryId, event, job, "ignored: duplicate delivery");
        }
        if (!servedLabels.serves(job.labels())) {
            // no pass for it, but the next pass lists it among the jobs whose labels are not served
            recordHint(job);
            return answer(deliveryId, event, job, "ignored: labels " + job.labels() + " are not all in " + servedLabels);
        }
        if (!TRIGGERING_ACTIONS.contains(job.action())) {
            return answer(deliveryId, event, job, "ignored: action " + job.action() + " needs no runner");
        }
        recordAssignment(job);
        recordHint(job);
        trigger.requestPass("webhook " + job.action() + " job " + job.jobId());
        return answer(deliveryId, event, job, "reconcile requested");
    }

    /** Only in_progress and completed name the runner that really took the job. */
    private void recordAssignment(WorkflowJobEvent job) {
        job.runnerName().filter(name -> !name.isBlank()).ifPresent(runner -> {
            switch (job.action()) {
                case "in_progress" -> assignments.jobStarted(runner, job.jobId());
                case "completed" -> assignments.jobCompleted(runner);
                default -> { }
            }
        });
    }

    private void recordHint(WorkflowJobEvent job) {
        Optional<String> runner = job.runnerName().filter(name -> !name.isBlank());
        switch (job.action()) {
            case "queued" -> hints.queued(new QueuedJob(job.jobId(), job.runId().orElse(0L),
                    job.repository().orElse(""), job.labels(), job.createdAt().orElse(clock.instant())));
            case "in_progress" -> runner.ifPresent(name -> hints.started(job.jobId(), name));
            case "completed" -> hints.completed(job.jobId(), runner);
            default -> { }
        }
    }

    private static WebhookAnswer answer(String deliveryId, String event, WorkflowJobEvent job, String outcome) {
        log.info("webhook.received delivery={} event={} action={} job={} outcome=\"{}\"", deliveryId, event,
                job == null ? null : job.action(), job == null ? null : job.jobId(), outcome);
        return new WebhookAnswer(deliveryId, outcome);
    }
}
