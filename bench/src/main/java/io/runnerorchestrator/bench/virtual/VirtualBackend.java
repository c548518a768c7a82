package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.measure.RunnerLife;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runner containers in virtual time. The engine starts up to {@code lanes} containers at a time (the
 * orchestrator's start concurrency), each taking {@code startCost}; the runner in it comes online {@code boot} after its container started and
 * exits when its job is done or its registration is deleted.
 */
final class VirtualBackend implements RunnerBackend {
    private static final String IMAGE = "virtual-runner";

    private static final class Container {
        final String name;
        final long registrationId;
        final Instant createdAt;
        final Instant startedAt;
        RunnerInstance.State state = RunnerInstance.State.RUNNING;
        Integer exitCode;
        Instant endedAt;
        EventQueue.Handle boot;

        Container(String name, long registrationId, Instant createdAt, Instant startedAt) {
            this.name = name;
            this.registrationId = registrationId;
            this.createdAt = createdAt;
            this.startedAt = startedAt;
        }
    }

    private final VirtualClock clock;
    private final EventQueue events;
    private final VirtualWorld world;
    private final Duration startCost;
    private final Duration boot;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, Container> byName = new HashMap<>();
    private final List<Container> history = new ArrayList<>();
    /** When each of the engine's start lanes is free again. */
    private final Instant[] laneFreeAt;

    VirtualBackend(VirtualClock clock, EventQueue events, VirtualWorld world, Duration startCost, Duration boot,
                   int lanes) {
        this.clock = clock;
        this.events = events;
        this.world = world;
        this.startCost = startCost;
        this.boot = boot;
        this.laneFreeAt = new Instant[lanes];
        java.util.Arrays.fill(laneFreeAt, Instant.MIN);
        world.onRunnerExit(this::exited);
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public BackendHealth health() {
        return BackendHealth.up("virtual runners on the simulated clock");
    }

    @Override
    public List<RunnerInstance> list() {
        List<RunnerInstance> instances = new ArrayList<>(containers.size());
        for (Container c : containers.values()) {
            instances.add(new RunnerInstance(c.name, "virtual-" + c.name, c.state, IMAGE, c.createdAt,
                    Optional.ofNullable(c.exitCode), c.exitCode == null ? "" : "exited with code " + c.exitCode));
        }
        return instances;
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        String config = spec.environment().getOrDefault("ACTIONS_RUNNER_INPUT_JITCONFIG", "");
        if (!config.startsWith(VirtualGitHub.JIT_PREFIX)) {
            throw new RunnerBackendException(spec.name(), "the virtual runner needs a virtual JIT config", null);
        }
        Instant now = clock.instant();
        int lane = 0;
        for (int i = 1; i < laneFreeAt.length; i++) {
            lane = laneFreeAt[i].isBefore(laneFreeAt[lane]) ? i : lane;
        }
        Instant startedAt = (laneFreeAt[lane].isAfter(now) ? laneFreeAt[lane] : now).plus(startCost);
        laneFreeAt[lane] = startedAt;
        // Created when the engine gets to it: the boot timeout runs from there, as on a real engine.
        Container container = new Container(spec.name(), Long.parseLong(config.substring(VirtualGitHub.JIT_PREFIX.length())),
                startedAt.minus(startCost), startedAt);
        containers.put(container.name, container);
        byName.put(container.name, container);
        history.add(container);
        container.boot = events.at(startedAt.plus(boot), () -> {
            if (!world.connect(container.registrationId)) {
                end(container, 1);
            }
        });
        return new RunnerInstance(container.name, "virtual-" + container.name, container.state, IMAGE,
                container.createdAt, Optional.empty(), "");
    }

    /** When the engine will have started every container asked for so far. */
    Instant startsDoneAt() {
        return java.util.Arrays.stream(laneFreeAt).max(Instant::compareTo).orElse(Instant.MIN);
    }

    @Override
    public void remove(String runnerName) {
        Container container = containers.remove(runnerName);
        if (container == null) {
            return;
        }
        if (container.endedAt == null) {
            container.boot.cancel();
            world.disconnect(container.registrationId);
            end(container, 137);
        }
        byName.remove(runnerName);
    }

    @Override
    public String logs(String runnerName, int tail) {
        return "";
    }

    List<RunnerLife> lives() {
        return history.stream().map(c -> new RunnerLife(c.name, c.startedAt, Optional.ofNullable(c.endedAt))).toList();
    }

    private void exited(String runnerName) {
        Container container = byName.get(runnerName);
        if (container != null && container.endedAt == null) {
            end(container, 0);
        }
    }

    private void end(Container container, int exitCode) {
        container.state = RunnerInstance.State.EXITED;
        container.exitCode = exitCode;
        // A container removed before the engine got to start it never ran.
        container.endedAt = clock.instant().isBefore(container.startedAt) ? container.startedAt : clock.instant();
    }
}
