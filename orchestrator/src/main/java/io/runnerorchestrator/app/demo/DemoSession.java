package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.app.config.Secret;
import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the demo runs beside the orchestrator: the embedded simulator and the workload feeding it.
 * Closed with the application context (or when it fails to start); closing twice is harmless.
 */
final class DemoSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoSession.class);

    private final GitHubSimulator simulator;
    private final Secret webhookSecret;
    private final DemoWorkload workload;
    private final RunnerChoice runners;
    private final AtomicBoolean closed = new AtomicBoolean();

    DemoSession(GitHubSimulator simulator, Secret webhookSecret, DemoWorkload workload, RunnerChoice runners) {
        this.simulator = simulator;
        this.webhookSecret = webhookSecret;
        this.workload = workload;
        this.runners = runners;
    }

    /** Once the orchestrator listens on {@code port}: the simulator's webhooks go to it, and jobs start coming. */
    void begin(int port) {
        URI webhook = URI.create("http://127.0.0.1:" + port + WebhookController.PATH);
        simulator.webhooks(webhook, webhookSecret.reveal());
        workload.start();
        log.info("demo.started simulator={} webhook={} runners_in_containers={}", simulator.baseUrl(), webhook,
                runners.docker());
    }

    void stopWorkload() {
        workload.stop();
    }

    DemoBanner banner(int port) {
        return new DemoBanner(port, simulator.baseUrl(), runners, workload.schedule());
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
