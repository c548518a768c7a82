package io.runnerorchestrator.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples one instance's runner services on the test swarm every {@link #SAMPLE_EVERY_MS} ms: every
 * service seen (however short-lived, a service lives at least until a pass removes it) and the most
 * whose task ran at once, as {@code docker service ls} and {@code docker service ps} would show them.
 */
final class ServiceWatch implements AutoCloseable {

    static final long SAMPLE_EVERY_MS = 300;

    private final TestSwarmEngine swarm;
    private final String instanceId;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "e2e-service-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> created = new LinkedHashSet<>();
    private int maxRunning;

    ServiceWatch(TestSwarmEngine swarm, String instanceId) {
        this.swarm = swarm;
        this.instanceId = instanceId;
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            Set<String> services = swarm.services(instanceId).stream().map(s -> s.getSpec().getName())
                    .collect(java.util.stream.Collectors.toSet());
            int running = swarm.running(instanceId).size();
            synchronized (this) {
                created.addAll(services);
                maxRunning = Math.max(maxRunning, running);
            }
        } catch (RuntimeException e) {
            // A sample lost to a busy manager is only a gap; the next one follows.
        }
    }

    synchronized int maxRunning() {
        return maxRunning;
    }

    synchronized void resetMaxRunning() {
        maxRunning = 0;
    }

    synchronized Set<String> created() {
        return Set.copyOf(created);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
