package io.runnerorchestrator.demo;

import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the demo runs beside the orchestrator: the embedded simulator and the workload feeding it.
 * Closed with the application context (or when it fails to start); closing twice is harmless.
 */
public final class DemoSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoSession.class);

    private final GitHubSimulator simulator;
    private final Secret webhookSecret;
    private final DemoWorkload workload;
    private final RunnerChoice runners;
    private final String webhookPath;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param webhookPath where the orchestrator takes webhooks, e.g. /webhook */
    public DemoSession(GitHubSimulator simulator, Secret webhookSecret, DemoWorkload workload, RunnerChoice runners,
                       String webhookPath) {
        this.webhookPath = webhookPath;
        this.simulator = simulator;
        this.webhookSecret = webhookSecret;
        this.workload = workload;
        this.runners = runners;
    }

    /** Once the orchestrator listens on {@code port}: the simulator's webhooks go to it, and jobs start coming. */
    public void begin(int port) {
        URI webhook = URI.create("http://127.0.0.1:" + port + webhookPath);
        simulator.webhooks(webhook, webhookSecret.reveal());
        workload.start();
        log.info("demo.started simulator={} webhook={} runners_in_containers={}", simulator.baseUrl(), webhook,
                runners.docker());
    }

    public void stopWorkload() {
        workload.stop();
    }

    public DemoBanner banner(int port) {
        return new DemoBanner(port, simulator.baseUrl(), runners, workload.schedule(), webhookPath);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            workload.stop();
            simulator.close();
            log.info("demo.stopped simulator={}", simulator.baseUrl());
        }
    }
}
