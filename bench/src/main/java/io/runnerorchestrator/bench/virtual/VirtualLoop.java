package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.measure.PassStats;
import io.runnerorchestrator.core.ReconcileTrigger;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.port.RateLimitStatus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * ReconcileLoop's schedule in virtual time: a pass every poll interval (stretched by the pacing),
 * and {@link #COALESCE} after a trigger unless a pass is due by then; a trigger during a pass makes
 * the next one come {@link #COALESCE} after it. The core's pass runs at one virtual instant; the
 * pass then lasts until the engine has started the containers it asked for (the executor starts
 * them one after the other), and the next pass is scheduled from there. Wall and CPU time of the
 * core's pass are measured.
 */
final class VirtualLoop implements ReconcileTrigger {
    /** As ReconcileLoop.COALESCE (package-private there). */
    static final Duration COALESCE = Duration.ofMillis(200);

    private final VirtualClock clock;
    private final EventQueue events;
    private final Reconciler reconciler;
    private final Duration pollInterval;
    private final Function<RateLimitStatus, Duration> pacing;
    private final PassStats stats;
    private final Supplier<Instant> startsDoneAt;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private EventQueue.Handle next;
    private Instant nextAt;
    private boolean running;
    private boolean rerun;

    VirtualLoop(VirtualClock clock, EventQueue events, Reconciler reconciler, Duration pollInterval,
                Function<RateLimitStatus, Duration> pacing, PassStats stats, Supplier<Instant> startsDoneAt) {
        this.clock = clock;
        this.events = events;
        this.reconciler = reconciler;
        this.pollInterval = pollInterval;
        this.pacing = pacing;
        this.stats = stats;
        this.startsDoneAt = startsDoneAt;
    }

    void start() {
        schedule(Duration.ZERO);
    }

    @Override
    public void requestPass(String reason) {
        if (running) {
            rerun = true;
            return;
        }
        Instant soon = clock.instant().plus(COALESCE);
        if (nextAt != null && !nextAt.isAfter(soon)) {
            return;
        }
        if (budgetLow()) {
            return;
        }
        schedule(COALESCE);
    }

    private void pass() {
        running = true;
        rerun = false;
        next = null;
        nextAt = null;
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        reconciler.reconcileOnce();
        stats.record(System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu);
        Instant end = startsDoneAt.get();
        events.at(end.isAfter(clock.instant()) ? end : clock.instant(), this::passEnded);
    }

    private void passEnded() {
        running = false;
        schedule(rerun && !budgetLow() ? COALESCE : paced());
    }

    private void schedule(Duration delay) {
        if (next != null) {
            next.cancel();
        }
        nextAt = clock.instant().plus(delay);
        next = events.at(nextAt, this::pass);
    }

    private Duration paced() {
        Duration delay = pacing.apply(reconciler.rateLimit());
        return delay.compareTo(pollInterval) > 0 ? delay : pollInterval;
    }

    private boolean budgetLow() {
        return paced().compareTo(pollInterval) > 0;
    }
}
