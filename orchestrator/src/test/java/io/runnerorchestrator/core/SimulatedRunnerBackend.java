package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.SimulatedRunner;
import io.runnerorchestrator.githubsim.SimulatedRunners;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Runners as the simulator's in-process runners (threads speaking its runner protocol over HTTP), JIT mode. */
final class SimulatedRunnerBackend implements RunnerBackend, AutoCloseable {
    private record Started(SimulatedRunner runner, Instant createdAt) {
    }

    private final SimulatedRunners runners = new SimulatedRunners();
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final Clock clock;

    SimulatedRunnerBackend(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<RunnerInstance> list() {
        return started.entrySet().stream().map(e -> {
            SimulatedRunner runner = e.getValue().runner();
            boolean alive = runner.isAlive();
            return new RunnerInstance(e.getKey(), "sim-" + e.getKey(),
                    alive ? RunnerInstance.State.RUNNING : RunnerInstance.State.EXITED, "simulated",
                    e.getValue().createdAt(), alive ? Optional.empty() : Optional.of(0), runner.exitReason());
        }).toList();
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        SimulatedRunner runner = runners.start(spec.environment().get("ACTIONS_RUNNER_INPUT_JITCONFIG"));
        started.put(spec.name(), new Started(runner, clock.instant()));
        return list().stream().filter(i -> i.name().equals(spec.name())).findFirst().orElseThrow();
    }

    @Override
    public void remove(String runnerName) {
        Optional.ofNullable(started.remove(runnerName)).ifPresent(s -> s.runner().stop());
    }

    @Override
    public String logs(String runnerName, int tail) {
        return "";
    }

    int live() {
        return (int) started.values().stream().filter(s -> s.runner().isAlive()).count();
    }

    @Override
    public void close() {
        runners.close();
    }
}
