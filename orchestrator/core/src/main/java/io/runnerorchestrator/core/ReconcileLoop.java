package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.RateLimitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs reconcile passes on one named thread ({@value #THREAD_NAME}): every poll interval (stretched by
 * the pacing when GitHub's budget runs low) and soon after {@link #requestPass}. Triggers that arrive
 * close together, or while a pass runs, become one pass. Passes never overlap.
 */
public final class ReconcileLoop implements ReconcileTrigger {
    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    public static final String THREAD_NAME = "reconcile-loop";
    /** The log context key that ties a pass's lines together, the same key HTTP requests use. */
    public static final String CORRELATION_ID = "correlation_id";
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** Triggers within this window become one pass. */
    static final Duration COALESCE = Duration.ofMillis(200);
    /** Kept from the grace so the last GitHub call of the shutdown can return in time. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(3);
    /** The longest wait between passes, whatever the pacing asks (GitHub's budget resets every hour). */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    private final Reconciler reconciler;
    private final Duration pollInterval;
    private final Function<RateLimitStatus, Duration> pacing;
    private final PassHealth health;
    private final OrchestratorMetrics metrics;
    private final SnapshotListener listener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private ScheduledFuture<?> next;
    private boolean running;
    private boolean rerun;
    private boolean stopped;
    /** Passes begun; only the loop thread touches it. */
    private long passes;

    /**
     * @param pacing the wait before the next periodic pass given GitHub's last reported budget (e.g. the
     *               GitHub adapter's pacer); anything shorter than the poll interval counts as the poll
     *               interval, anything longer also defers triggered passes to the next periodic one
     */
    public ReconcileLoop(Reconciler reconciler, Duration pollInterval, Function<RateLimitStatus, Duration> pacing) {
        this(reconciler, pollInterval, pacing, new PassHealth(Clock.systemUTC(), pollInterval), OrchestratorMetrics.NOOP,
                SnapshotListener.NOOP);
    }

    /**
     * @param health   where each pass's end and every unexpected exception are recorded (readiness, status)
     * @param listener told of each pass's snapshot as the pass ends (the dashboard's live updates)
     */
    public ReconcileLoop(Reconciler reconciler, Duration pollInterval, Function<RateLimitStatus, Duration> pacing,
                         PassHealth health, OrchestratorMetrics metrics, SnapshotListener listener) {
        this.reconciler = reconciler;
        this.pollInterval = pollInterval;
        this.pacing = pacing;
        this.health = health;
        this.metrics = metrics;
        this.listener = listener;
    }

    public PassHealth health() {
        return health;
    }

    /** Runs the first pass now, then keeps going until {@link #shutdown}. */
    public void start() {
        synchronized (lock) {
            if (!stopped && next == null && !running) {
                next = thread.schedule(() -> pass("start"), 0, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void requestPass(String reason) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (running) {
                rerun = true;
                return;
            }
            if (next != null && next.getDelay(TimeUnit.MILLISECONDS) <= COALESCE.toMillis()) {
                return;
            }
            if (budgetLowOrUnknown()) {
                log.debug("reconcile.trigger.deferred reason={} cause=github_budget_low", reason);
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = thread.schedule(() -> pass(reason), COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Graceful shutdown within {@link #SHUTDOWN_GRACE}. */
    public void shutdown() {
        shutdown(SHUTDOWN_GRACE);
    }

    /** Stops passes, lets the running one end, then removes idle runners and leaves busy ones; returns within {@code grace}. */
    public void shutdown(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        log.info("shutdown.requested grace_ms={}", grace.toMillis());
        Future<?> last = thread.submit(() -> {
            MDC.put(CORRELATION_ID, "shutdown");
            try {
                reconciler.shutdown(Duration.ofNanos(deadline - System.nanoTime()).minus(SHUTDOWN_MARGIN));
            } finally {
                MDC.remove(CORRELATION_ID);
            }
        });
        try {
            last.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("shutdown.timeout grace_ms={} action=interrupt", grace.toMillis());
            last.cancel(true);
        } catch (ExecutionException e) {
            log.error("shutdown.failed error={}", e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdownNow();
        }
    }

    private void pass(String reason) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            running = true;
            rerun = false;
            next = null;
        }
        MDC.put(CORRELATION_ID, "pass-" + ++passes);
        try {
            log.debug("reconcile.pass.begin reason={}", reason);
            ReconcileSnapshot snapshot = reconciler.reconcileOnce();
            health.passEnded(snapshot);
            listener.published(snapshot);
        } catch (RuntimeException | Error e) {
            // A bug in one pass must not end the loop: the next pass sees the world afresh.
            unexpected("reconcile.failed", e);
        } finally {
            MDC.remove(CORRELATION_ID);
            synchronized (lock) {
                running = false;
                if (!stopped) {
                    scheduleNext();
                }
            }
        }
    }

    /** Always schedules a pass: a failure to work out the wait falls back to the poll interval. */
    private void scheduleNext() {
        boolean soon = false;
        Duration delay = pollInterval;
        try {
            soon = rerun && !budgetLow();
            delay = soon ? COALESCE : paced();
        } catch (RuntimeException e) {
            unexpected("reconcile.schedule_failed", e);
        }
        if (!soon) {
            health.scheduled(delay);
        }
        String why = soon ? "trigger" : "poll";
        next = thread.schedule(() -> pass(why), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records an unexpected exception; never throws, so the rescheduling after it always happens. */
    private void unexpected(String event, Throwable e) {
        log.error("{} error={} action=next_pass", event, e.toString(), e);
        try {
            health.failed(e);
            metrics.passFailed(e.getClass().getSimpleName());
        } catch (RuntimeException recording) {
            log.warn("reconcile.failure_not_recorded error={}", recording.toString());
        }
    }

    /** The pacing's wait, between the poll interval and {@link #MAX_WAIT}. */
    private Duration paced() {
        Duration delay = pacing.apply(reconciler.rateLimit());
        return delay.compareTo(pollInterval) <= 0 ? pollInterval : delay.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : delay;
    }

    private boolean budgetLow() {
        return paced().compareTo(pollInterval) > 0;
    }

    /** For triggers, which must never fail their caller (a webhook): an unreadable budget defers to the poll. */
    private boolean budgetLowOrUnknown() {
        try {
            return budgetLow();
        } catch (RuntimeException e) {
            log.warn("reconcile.trigger.pacing_failed error={} action=wait_for_poll", e.toString());
            return true;
        }
    }
}
