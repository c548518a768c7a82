package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.runnerorchestrator.adapter.docker.ContainerLabels;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches one instance's containers for the whole test: Docker's create events (every container
 * made, however short-lived) and a sample of the running ones every {@link #SAMPLE_EVERY}, as
 * {@code docker ps --filter label=runner-orchestrator.instance=<id>} would show them.
 */
final class ContainerWatch implements AutoCloseable {

    static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final E2eDocker docker;
    private final String instanceId;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "e2e-container-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ResultCallback.Adapter<Event> events;
    private final Map<String, Instant> created = new LinkedHashMap<>();
    private final Map<String, Instant> started = new LinkedHashMap<>();
    private int maxRunning;
    private long samples;

    ContainerWatch(E2eDocker docker, String instanceId) {
        this.docker = docker;
        this.instanceId = instanceId;
        this.events = docker.client().eventsCmd()
                .withLabelFilter(Map.of(ContainerLabels.INSTANCE, instanceId))
                .withEventFilter("create", "start")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        record(event);
                    }
                });
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void record(Event event) {
        String name = event.getActor() == null ? null : event.getActor().getAttributes().get("name");
        if (name == null) {
            return;
        }
        Instant at = event.getTimeNano() == null ? Instant.now()
                : Instant.EPOCH.plusNanos(event.getTimeNano());
        (("start".equals(event.getAction()) || "start".equals(event.getStatus())) ? started : created)
                .putIfAbsent(name, at);
    }

    private void sample() {
        try {
            int running = docker.running(instanceId).size();
            synchronized (this) {
                maxRunning = Math.max(maxRunning, running);
                samples++;
            }
        } catch (RuntimeException e) {
            // A sample lost to a busy engine is only a gap; the next one follows in 200 ms.
        }
    }

    /** The most containers of this instance seen running at once. */
    synchronized int maxRunning() {
        return maxRunning;
    }

    /** Forgets the most seen running so far: what follows is measured on its own. */
    synchronized void resetMaxRunning() {
        maxRunning = 0;
    }

    synchronized long samples() {
        return samples;
    }

    /** Names of every container created for this instance since the watch began. */
    synchronized Set<String> created() {
        return Set.copyOf(created.keySet());
    }

    /** When each container was started, by name. */
    synchronized Map<String, Instant> startedAt() {
        return Map.copyOf(started);
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        events.close();
    }
}
