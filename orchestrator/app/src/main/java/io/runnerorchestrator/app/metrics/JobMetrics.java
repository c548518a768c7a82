package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * actions-runner-controller's job series, from the {@code workflow_job} deliveries about jobs this
 * pool's runners took: {@code in_progress} counts a start and its wait (created_at to started_at),
 * {@code completed} counts a completion and its run (started_at to completed_at). GitHub's own
 * timestamps make them exact; without a webhook they stay at zero.
 */
public final class JobMetrics implements WorkflowJobListener {

    private final MeterRegistry registry;
    private final RunnerOwnership ours;

    public JobMetrics(MeterRegistry registry, RunnerOwnership ours) {
        this.registry = registry;
        this.ours = ours;
    }

    @Override
    public void accepted(WorkflowJobDelivery delivery) {
        if (delivery.runnerName().filter(ours::owns).isEmpty()) {
            return;
        }
        Tags where = Tags.of("organization", delivery.organization(), "repository", delivery.repository());
        switch (delivery.action()) {
            case "in_progress" -> {
                Counter.builder(MetricNames.GHA_STARTED_JOBS_TOTAL).description("Jobs this pool's runners started")
                        .tags(where).register(registry).increment();
                between(delivery.createdAt(), delivery.startedAt()).ifPresent(wait -> timer(
                        MetricNames.GHA_JOB_STARTUP_DURATION_SECONDS, "From queued to started on a runner", where)
                        .record(wait));
            }
            case "completed" -> {
                Tags done = where.and("job_result", delivery.conclusion().orElse("unknown"));
                Counter.builder(MetricNames.GHA_COMPLETED_JOBS_TOTAL).description("Jobs this pool's runners completed")
                        .tags(done).register(registry).increment();
                between(delivery.startedAt(), delivery.completedAt()).ifPresent(run -> timer(
                        MetricNames.GHA_JOB_EXECUTION_DURATION_SECONDS, "From started to completed", done).record(run));
            }
            default -> {
                // queued: no runner has it yet.
            }
        }
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(Buckets.ARC_JOB_SECONDS)
                .register(registry);
    }

    private static Optional<Duration> between(Optional<Instant> from, Optional<Instant> to) {
        if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(from.get(), to.get()));
    }
}
