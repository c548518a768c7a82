package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.adapter.github.PassCostPacing;
import io.runnerorchestrator.bench.Mode;
import io.runnerorchestrator.bench.RunSetup;
import io.runnerorchestrator.bench.measure.HeapProbe;
import io.runnerorchestrator.bench.measure.PassStats;
import io.runnerorchestrator.bench.measure.RequestTally;
import io.runnerorchestrator.bench.measure.RunRecord;
import io.runnerorchestrator.bench.trace.TraceRun;
import io.runnerorchestrator.core.GitHubNews;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.GitHubScope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run on the virtual clock: the core's {@link Reconciler} with the chosen policy over the virtual
 * GitHub and backend, driven by {@link VirtualLoop}, while the trace's runs are queued at their
 * instants; in webhook mode each job change reaches the core as a hint and a trigger, in scale-set mode
 * through the {@link VirtualScaleSet}'s messages. Runs until the trace's span is over and every job is done (2 h more at most), then a
 * poll interval and the idle tail more.
 */
public final class VirtualRun {
    private static final Logger log = LoggerFactory.getLogger(VirtualRun.class);
    /** A Monday at midnight: a workday trace starts with the night. */
    static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
    static final String REPOSITORY = "bench/app";
    private static final Duration DRAIN_LIMIT = Duration.ofHours(2);
    private static final Duration HEAP_SAMPLE_EVERY = Duration.ofHours(1);

    private final RunSetup setup;
    private final VirtualModel model;
    private final VirtualClock clock = new VirtualClock(START);
    private final EventQueue events = new EventQueue(clock);
    private long heapBytes;

    public VirtualRun(RunSetup setup, VirtualModel model) {
        this.setup = setup;
        this.model = model;
    }

    public RunRecord run() {
        long wallStart = System.nanoTime();
        long heapBaseline = HeapProbe.liveBytes();
        VirtualWorld world = new VirtualWorld(clock, events, setup.scaling().pollInterval());
        Instant traceStart = START.plus(setup.warmup());
        RequestTally tally = new RequestTally();
        ConditionalRequests requests = new ConditionalRequests(clock, model.rateLimitPerHour(), tally, world::idle,
                traceStart);
        ScalingSettings scaling = setup.policy().settings(setup.scaling());
        // The engine starts as many containers at once as the executor would; the executor itself runs
        // them one by one on the event loop's thread, so virtual time stays deterministic.
        VirtualBackend backend = new VirtualBackend(clock, events, world, model.startCost(), model.boot(),
                scaling.startConcurrency());
        VirtualGitHub rest = new VirtualGitHub(world, requests, clock, REPOSITORY);
        RequestTally actions = new RequestTally();
        VirtualScaleSet scaleSet = new VirtualScaleSet(clock, events, world, model.webhookDelay(),
                new ActionsCalls(clock, actions, world::idle, traceStart, rest::createRegistrationToken));
        boolean scaleSetMode = setup.mode() == Mode.SCALESET;
        Reconciler reconciler = new Reconciler(scaling.withStartConcurrency(1), setup.policy().rules(), runnerSettings(),
                scaleSetMode ? new VirtualScaleSetGitHub(rest, scaleSet) : rest, backend, new LocalCoordinator(clock),
                OrchestratorMetrics.NOOP, clock, scaleSetMode ? GitHubNews.MESSAGE_STREAM : GitHubNews.WEBHOOKS);
        PassStats passes = new PassStats();
        Duration poll = setup.scaling().pollInterval();
        VirtualLoop loop = new VirtualLoop(clock, events, reconciler, poll, new PassCostPacing(poll, clock), passes,
                backend::startsDoneAt);
        if (setup.mode() == Mode.WEBHOOK) {
            world.onJobEvent((action, job) -> events.at(clock.instant().plus(model.webhookDelay()), () -> {
                hint(reconciler.queueHints(), action, job);
                loop.requestPass("webhook " + action);
            }));
        }
        if (scaleSetMode) {
            scaleSet.open(reconciler.queueHints(), reconciler.jobAssignments(), loop);
        }
        for (TraceRun run : setup.trace().runs()) {
            events.at(traceStart.plus(run.at()), () -> world.enqueue(run.jobs(), run.duration()));
        }
        sampleHeapEvery(HEAP_SAMPLE_EVERY, passes, wallStart);
        loop.start();
        Instant spanEnd = traceStart.plus(setup.trace().span());
        events.runUntil(spanEnd, () -> false);
        events.runUntil(spanEnd.plus(DRAIN_LIMIT), world::allDone);
        Instant windowEnd = clock.instant().isAfter(spanEnd) ? clock.instant() : spanEnd;
        Instant end = windowEnd.plus(poll).plus(setup.idleTail());
        events.runUntil(end, () -> false);
        heapBytes = Math.max(heapBytes, HeapProbe.liveBytes());
        return new RunRecord(setup.trace().name(), "virtual", setup.mode(), setup.policy(), traceStart, windowEnd,
                world.jobRecords(), backend.lives(), tally, actions, world.idleTime(end), passes,
                Math.max(0, heapBytes - heapBaseline),
                Duration.ofNanos(passes.cpuNanos()), Duration.between(START, end),
                Duration.ofNanos(System.nanoTime() - wallStart), "peak " + requests.peakPerWindow()
                + " counted requests in one rate-limit hour (limit " + model.rateLimitPerHour() + ")");
    }

    private void sampleHeapEvery(Duration every, PassStats passes, long wallStart) {
        events.at(clock.instant().plus(every), () -> {
            heapBytes = Math.max(heapBytes, HeapProbe.liveBytes());
            log.info("bench.virtual.progress trace={} policy={} mode={} at={} passes={} wall_s={}",
                    setup.trace().name(), setup.policy().label(), setup.mode().label(), clock.instant(), passes.count(),
                    (System.nanoTime() - wallStart) / 1_000_000_000);
            sampleHeapEvery(every, passes, wallStart);
        });
    }

    /** What the application's webhook receiver tells the core about each event. */
    private static void hint(QueueHints hints, String action, VirtualWorld.Job job) {
        switch (action) {
            case "queued" -> hints.queued(new QueuedJob(job.id, job.run.id, REPOSITORY, VirtualGitHub.JOB_LABELS,
                    job.queuedAt));
            case "in_progress" -> hints.started(job.id, job.runnerName);
            default -> hints.completed(job.id, Optional.ofNullable(job.runnerName));
        }
    }

    private static RunnerSettings runnerSettings() {
        return new RunnerSettings("vbench", List.of(), RunnerSettings.RegistrationMode.JIT, 1, List.of(), "_work",
                GitHubScope.ofRepository(REPOSITORY), "https://github.com");
    }
}
