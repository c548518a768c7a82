package io.runnerorchestrator.e2e.cluster;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import io.runnerorchestrator.adapter.docker.ContainerLabels;
import io.runnerorchestrator.e2e.E2eDocker;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runner containers of every instance of one cluster test on the shared engine: each one created
 * (Docker's create events) and, sampled every {@link #SAMPLE_EVERY}, how many run at once in total
 * and per instance.
 */
final class ClusterContainers implements AutoCloseable {
    static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final E2eDocker docker;
    private final Set<String> instanceIds;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "e2e-cluster-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ResultCallback.Adapter<Event> events;
    private final Map<String, String> createdBy = new LinkedHashMap<>();
    private final Map<String, Integer> maxRunningBy = new HashMap<>();
    private Map<String, Integer> runningNow = Map.of();
    private int maxRunning;
    private long samples;

    ClusterContainers(E2eDocker docker, Set<String> instanceIds) {
        this.docker = docker;
        this.instanceIds = Set.copyOf(instanceIds);
        this.events = docker.client().eventsCmd()
                .withLabelFilter(ContainerLabels.INSTANCE)
                .withEventFilter("create")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        created(event);
                    }
                });
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void created(Event event) {
        Map<String, String> attributes = event.getActor() == null ? Map.of() : event.getActor().getAttributes();
        String instance = attributes.get(ContainerLabels.INSTANCE);
        if (instance != null && instanceIds.contains(instance) && attributes.get("name") != null) {
            createdBy.putIfAbsent(attributes.get("name"), instance);
        }
    }

    private void sample() {
        try {
            List<Container> running = docker.client().listContainersCmd()
                    .withLabelFilter(List.of(ContainerLabels.INSTANCE)).exec();
            Map<String, Integer> byInstance = new HashMap<>();
            for (Container container : running) {
                String instance = container.getLabels().get(ContainerLabels.INSTANCE);
                if (instanceIds.contains(instance)) {
                    byInstance.merge(instance, 1, Integer::sum);
                }
            }
            synchronized (this) {
                runningNow = Map.copyOf(byInstance);
                maxRunning = Math.max(maxRunning, byInstance.values().stream().mapToInt(Integer::intValue).sum());
                byInstance.forEach((id, n) -> maxRunningBy.merge(id, n, Math::max));
                samples++;
            }
        } catch (RuntimeException e) {
            // A sample lost to a busy engine is only a gap; the next one follows in 200 ms.
        }
    }

    /** The most runner containers of the cluster seen running at once. */
    synchronized int maxRunning() {
        return maxRunning;
    }

    /** Per instance, the most of its containers seen running at once. */
    synchronized Map<String, Integer> maxRunningByInstance() {
        return Map.copyOf(maxRunningBy);
    }

    synchronized Map<String, Integer> runningNow() {
        return runningNow;
    }

    /** Starts the per-instance maxima afresh, e.g. when a phase of the test begins. */
    synchronized void resetMaxima() {
        maxRunningBy.clear();
        maxRunning = 0;
    }

    synchronized long samples() {
        return samples;
    }

    /** Every container created, by name, with the instance that made it. */
    synchronized Map<String, String> created() {
        return Map.copyOf(createdBy);
    }

    synchronized long createdBy(String instanceId) {
        return createdBy.values().stream().filter(instanceId::equals).count();
    }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        events.close();
    }
}
