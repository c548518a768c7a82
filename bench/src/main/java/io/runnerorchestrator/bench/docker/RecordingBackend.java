package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A backend that notes when each runner's container was started (the moment start returned) and
 * removed, and how long each start took; the rest is the real backend's.
 */
final class RecordingBackend implements RunnerBackend {

    /** One container: started when start returned, after {@code startTook}; removed, if it was. */
    record Started(String name, Instant startedAt, Duration startTook, Optional<Instant> removedAt) {
    }

    private final RunnerBackend backend;
    private final Clock clock;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    RecordingBackend(RunnerBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public BackendHealth health() {
        return backend.health();
    }

    @Override
    public List<RunnerInstance> list() {
        return backend.list();
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        long begin = System.nanoTime();
        RunnerInstance instance = backend.start(spec);
        started.put(spec.name(), new Started(spec.name(), clock.instant(), Duration.ofNanos(System.nanoTime() - begin),
                Optional.empty()));
        return instance;
    }

    @Override
    public void remove(String runnerName) {
        backend.remove(runnerName);
        started.computeIfPresent(runnerName, (name, s) -> s.removedAt().isPresent() ? s
                : new Started(name, s.startedAt(), s.startTook(), Optional.of(clock.instant())));
    }

    @Override
    public String logs(String runnerName, int tail) {
        return backend.logs(runnerName, tail);
    }

    List<Started> started() {
        return new ArrayList<>(started.values());
    }
}
