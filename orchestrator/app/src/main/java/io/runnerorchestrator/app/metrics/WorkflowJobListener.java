package io.runnerorchestrator.app.metrics;

/** Hears about each {@code workflow_job} delivery the webhook receiver accepted (signed, new, served labels). */
@FunctionalInterface
public interface WorkflowJobListener {

    /** Called on the request thread after the answer is ready; must be quick. */
    void accepted(WorkflowJobDelivery delivery);
}
