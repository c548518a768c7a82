package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.RemovalReason;
import io.runnerorchestrator.core.RunnerState;
import io.runnerorchestrator.core.StartReason;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.runnerorchestrator.app.metrics.MetricNames.*;

/**
 * The core's metrics port on Micrometer. Gauges hold what the last observation reported; counters and
 * histograms count events as the core reports them.
 */
public final class MicrometerOrchestratorMetrics implements OrchestratorMetrics {

    private final MeterRegistry registry;
    private final Map<RunnerState, AtomicLong> byState = new EnumMap<>(RunnerState.class);
    private final AtomicLong queueLength = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Timer boots;

    public MicrometerOrchestratorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RunnerState state : RunnerState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            Gauge.builder(RUNNERS, count, AtomicLong::get).description("Runners of this instance by state")
                    .tag("state", state.label()).strongReference(true).register(registry);
        }
        AtomicLong busy = byState.get(RunnerState.BUSY);
        gauge(GHA_BUSY_RUNNERS, "Runners running a job", busy::get);
        gauge(GHA_RUNNING_JOBS, "Jobs running on this pool's runners", busy::get);
        gauge(GHA_IDLE_RUNNERS, "Runners online and waiting for a job", byState.get(RunnerState.IDLE)::get);
        gauge(GHA_ASSIGNED_JOBS, "Jobs for this pool: queued with matching labels plus running",
                () -> queueLength.get() + busy.get());
        gauge(QUEUE_LENGTH, "Queued jobs this pool's labels serve", queueLength::get);
        Gauge.builder(OLDEST_QUEUED_JOB_AGE_SECONDS, oldestAgeMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest queued job this pool serves, as of the last pass")
                .baseUnit("seconds").strongReference(true).register(registry);
        boots = Timer.builder(RUNNER_BOOT_SECONDS).description("From container creation to runner online")
                .serviceLevelObjectives(Buckets.seconds(1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300))
                .register(registry);
    }

    @Override
    public void runners(Map<RunnerState, Integer> counts) {
        counts.forEach((state, count) -> byState.get(state).set(count));
    }

    @Override
    public void queue(int length, Duration oldestAge) {
        queueLength.set(length);
        oldestAgeMillis.set(oldestAge.toMillis());
    }

    @Override
    public void scaledUp(StartReason reason) {
        scaleEvent("up", reason.name());
    }

    @Override
    public void scaledDown(RemovalReason reason) {
        scaleEvent("down", reason.name());
    }

    @Override
    public void startFailed(String cause) {
        Counter.builder(RUNNER_START_FAILURES_TOTAL).description("Runners that failed to start or to come online")
                .tag("cause", cause).register(registry).increment();
    }

    @Override
    public void runnerBooted(Duration bootTime) {
        boots.record(bootTime);
    }

    @Override
    public void reconciled(Duration duration, String outcome) {
        Timer.builder(RECONCILE_DURATION_SECONDS).description("Reconcile passes: observe, decide, act")
                .tag("outcome", outcome)
                .serviceLevelObjectives(Buckets.seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
                .register(registry).record(duration);
    }

    @Override
    public void passFailed(String exception) {
        Counter.builder(RECONCILE_ERRORS_TOTAL).description("Reconcile passes that ended in an unexpected exception")
                .tag("exception", exception).register(registry).increment();
    }

    @Override
    public void stuckJob(long jobId) {
        Counter.builder(STUCK_JOBS_TOTAL).description("Jobs that stayed queued beside idle runners").register(registry)
                .increment();
    }

    private void scaleEvent(String direction, String reason) {
        Counter.builder(SCALE_EVENTS_TOTAL).description("Runners started (up) and removed (down), by reason")
                .tag("direction", direction).tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    private void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }
}
