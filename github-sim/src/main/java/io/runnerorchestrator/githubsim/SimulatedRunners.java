package io.runnerorchestrator.githubsim;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts in-process runners (no Docker), each on its own named thread, for the demo and the
 * benchmark. They speak the same protocol as the fake runner image.
 */
public final class SimulatedRunners implements AutoCloseable {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration heartbeatEvery;
    private final List<SimulatedRunner> started = new CopyOnWriteArrayList<>();

    /** Runners that heartbeat every second while busy (fine for offlineAfter of 2 s or more). */
    public SimulatedRunners() {
        this(Duration.ofSeconds(1));
    }

    public SimulatedRunners(Duration heartbeatEvery) {
        if (heartbeatEvery.isNegative() || heartbeatEvery.isZero()) {
            throw new IllegalArgumentException("heartbeatEvery must be positive, got " + heartbeatEvery);
        }
        this.heartbeatEvery = heartbeatEvery;
    }

    /** Starts a runner as {@code run.sh --jitconfig <encodedJitConfig>} would. */
    public SimulatedRunner start(String encodedJitConfig) {
        return start(RunnerRegistration.jit(encodedJitConfig));
    }

    public SimulatedRunner start(RunnerRegistration registration) {
        SimulatedRunner runner = new SimulatedRunner(registration, client, heartbeatEvery);
        started.add(runner);
        runner.begin();
        return runner;
    }

    /** Runners started and not yet exited. */
    public List<SimulatedRunner> alive() {
        started.removeIf(runner -> !runner.isAlive());
        return List.copyOf(started);
    }

    public void stopAll() {
        started.forEach(SimulatedRunner::stop);
        started.clear();
    }

    @Override
    public void close() {
        stopAll();
    }
}
