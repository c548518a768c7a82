package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.RateLimitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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

    private final Reconciler reconciler;
    private final Duration pollInterval;
    private final Function<RateLimitStatus, Duration> pacing;
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
        this(reconciler, pollInterval, pacing, SnapshotListener.NOOP);
    }

    /** @param listener told of each pass's snapshot as the pass ends (the dashboard's live updates) */
    public ReconcileLoop(Reconciler reconciler, Duration pollInterval, Function<RateLimitStatus, Duration> pacing,
                         SnapshotListener listener) {
        this.reconciler = reconciler;
        this.pollInterval = pollInterval;
        this.pacing = pacing;
        this.listener = listener;
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
            if (budgetLow()) {
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
            listener.published(reconciler.reconcileOnce());
        } catch (RuntimeException e) {
            // A bug in one pass must not end the loop: the next pass sees the world afresh.
            log.error("reconcile.failed error={}", e.toString(), e);
        } finally {
            MDC.remove(CORRELATION_ID);
            synchronized (lock) {
                running = false;
                if (!stopped) {
                    boolean soon = rerun && !budgetLow();
                    String why = soon ? "trigger" : "poll";
                    Duration delay = soon ? COALESCE : paced();
                    next = thread.schedule(() -> pass(why), delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private Duration paced() {
        Duration delay = pacing.apply(reconciler.rateLimit());
        return delay.compareTo(pollInterval) > 0 ? delay : pollInterval;
    }

    private boolean budgetLow() {
        return paced().compareTo(pollInterval) > 0;
    }
}
