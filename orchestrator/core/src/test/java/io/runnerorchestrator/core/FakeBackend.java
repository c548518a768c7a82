package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Containers in memory, with switches for failing starts and removals. */
final class FakeBackend implements RunnerBackend {
    private final Clock clock;
    private final Map<String, RunnerInstance> instances = new LinkedHashMap<>();
    final List<RunnerSpec> started = new ArrayList<>();
    final Set<String> failRemove = new HashSet<>();
    boolean failStarts;
    /** When set, every container stops right after start with this exit code. */
    Integer exitAtStart;
    int startAttempts;

    FakeBackend(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public BackendHealth health() {
        return BackendHealth.up("in memory");
    }

    @Override
    public synchronized List<RunnerInstance> list() {
        return List.copyOf(instances.values());
    }

    @Override
    public synchronized RunnerInstance start(RunnerSpec spec) {
        startAttempts++;
        if (exitAtStart != null) {
            throw RunnerBackendException.exitedAtStart(spec.name(), "container c-" + spec.name() + " exited with code "
                    + exitAtStart + " right after start; no output", exitAtStart);
        }
        if (failStarts) {
            throw new RunnerBackendException(spec.name(), "image fake-runner:broken not found", null);
        }
        started.add(spec);
        RunnerInstance instance = new RunnerInstance(spec.name(), "c-" + spec.name(), RunnerInstance.State.RUNNING,
                "fake-runner:local", clock.instant(), Optional.empty(), "");
        instances.put(spec.name(), instance);
        return instance;
    }

    @Override
    public synchronized void remove(String runnerName) {
        if (failRemove.contains(runnerName)) {
            throw new RunnerBackendException(runnerName, "removal failed: engine busy", null);
        }
        instances.remove(runnerName);
    }

    @Override
    public String logs(String runnerName, int tail) {
        return "";
    }

    synchronized void exit(String name, int code) {
        RunnerInstance i = instances.get(name);
        instances.put(name, new RunnerInstance(name, i.backendId(), RunnerInstance.State.EXITED, i.image(),
                i.createdAt(), Optional.of(code), code == 0 ? "exited" : "exited with code " + code));
    }

    /** A container created and never started, as a start cut short by an engine restart leaves it. */
    synchronized void plantCreated(String name) {
        instances.put(name, new RunnerInstance(name, "c-" + name, RunnerInstance.State.CREATED, "fake-runner:local",
                clock.instant(), Optional.empty(), ""));
    }

    synchronized Set<String> names() {
        return Set.copyOf(instances.keySet());
    }

    synchronized RunnerSpec spec(String name) {
        return started.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
