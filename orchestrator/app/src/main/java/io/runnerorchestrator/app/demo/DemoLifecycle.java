package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.demo.DemoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Starts the demo once the web server listens and prints the banner once the application is ready.
 * On stop the workload ends first (when the context starts closing); then, after the reconcile
 * loop's graceful shutdown removed the idle runners, every runner still left is removed, busy or
 * not: the simulator its job came from goes away with the demo.
 */
final class DemoLifecycle implements SmartLifecycle {

    /** After the web server starts; stops right after the reconcile loop (which has DEFAULT_PHASE). */
    static final int PHASE = DEFAULT_PHASE - 1;
    private static final String PORT_PROPERTY = "local.server.port";
    private static final Logger log = LoggerFactory.getLogger(DemoLifecycle.class);

    private final DemoSession session;
    private final RunnerBackend backend;
    private final Environment environment;
    private volatile boolean running;

    DemoLifecycle(DemoSession session, RunnerBackend backend, Environment environment) {
        this.session = session;
        this.backend = backend;
        this.environment = environment;
    }

    @Override
    public void start() {
        session.begin(port());
        running = true;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void printBanner() {
        System.out.println(session.banner(port()).text());
    }

    @EventListener(ContextClosedEvent.class)
    public void stopWorkload() {
        session.stopWorkload();
    }

    @Override
    public void stop() {
        running = false;
        List<RunnerInstance> left;
        try {
            left = backend.list();
        } catch (RuntimeException e) {
            log.warn("demo.cleanup.list_failed error={}", e.getMessage());
            return;
        }
        for (RunnerInstance runner : left) {
            try {
                backend.remove(runner.name());
            } catch (RuntimeException e) {
                log.warn("demo.cleanup.remove_failed name={} error={}", runner.name(), e.getMessage());
            }
        }
        log.info("demo.cleanup.done removed={}", left.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private int port() {
        return environment.getRequiredProperty(PORT_PROPERTY, Integer.class);
    }
}
