package io.runnerorchestrator.app.lifecycle;

import io.runnerorchestrator.core.ReconcileLoop;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Starts the {@link ReconcileLoop} once everything else runs (the web server included, so webhooks
 * can already trigger passes) and shuts it down first on stop: idle runners are unregistered and
 * removed, busy ones are left to finish, then the Docker client is closed with the context.
 */
public final class ReconcileLoopLifecycle implements SmartLifecycle {

    /**
     * The loop's share of the 30 s a stopping process may take; the web server's graceful stop
     * (spring.lifecycle.timeout-per-shutdown-phase) and closing the clients fit in the rest.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final ReconcileLoop loop;
    private final Duration grace;
    private volatile boolean running;

    public ReconcileLoopLifecycle(ReconcileLoop loop, Duration grace) {
        this.loop = loop;
        this.grace = grace;
    }

    @Override
    public void start() {
        loop.start();
        running = true;
    }

    /** Blocks until the shutdown pass is done, at most {@link #grace}. */
    @Override
    public void stop() {
        loop.shutdown(grace);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The last phase to start and the first to stop. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
