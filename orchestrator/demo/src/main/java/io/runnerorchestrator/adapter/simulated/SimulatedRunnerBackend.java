package io.runnerorchestrator.adapter.simulated;

import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.RunnerRegistration;
import io.runnerorchestrator.githubsim.SimulatedRunner;
import io.runnerorchestrator.githubsim.SimulatedRunners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runners as github-sim's in-process runners: one thread each, speaking the simulator's runner
 * protocol over HTTP, so the demo runs without a Docker engine. It lists only the runners it
 * started; one that exited stays listed (like a stopped container) until it is removed.
 */
public final class SimulatedRunnerBackend implements RunnerBackend {

    /** What {@link RunnerInstance#image()} says for a simulated runner. */
    public static final String IMAGE = "github-sim/simulated-runner";
    /** Ways out that count as a clean exit (status 0), as the fake runner image exits 0 for them. */
    private static final Set<String> CLEAN_EXITS = Set.of("completed its job", "stopped");
    private static final Logger log = LoggerFactory.getLogger(SimulatedRunnerBackend.class);

    private record Started(SimulatedRunner runner, Instant createdAt) {
    }

    private final SimulatedRunners runners = new SimulatedRunners();
    private final Clock clock;
    private final Map<String, Started> started = new ConcurrentHashMap<>();

    public SimulatedRunnerBackend(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public BackendHealth health() {
        return BackendHealth.up("in-process runners of the embedded github-sim: no engine needed");
    }

    @Override
    public List<RunnerInstance> list() {
        return started.entrySet().stream()
                .sorted(Comparator.comparing(e -> e.getValue().createdAt()))
                .map(e -> toInstance(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public synchronized RunnerInstance start(RunnerSpec spec) {
        if (started.containsKey(spec.name())) {
            throw new RunnerBackendException(spec.name(), "a simulated runner by this name exists already", null);
        }
        RunnerRegistration registration;
        try {
            registration = SimulatedRegistration.of(spec);
        } catch (IllegalArgumentException e) {
            throw new RunnerBackendException(spec.name(), "cannot start a simulated runner: " + e.getMessage(), null);
        }
        Started runner = new Started(runners.start(registration), clock.instant());
        started.put(spec.name(), runner);
        log.info("runner.started name={} backend=simulated api={}", spec.name(), registration.apiBase());
        return toInstance(spec.name(), runner);
    }

    /** Stops the runner as SIGTERM stops a real one (a running job is reported cancelled); idempotent. */
    @Override
    public void remove(String runnerName) {
        Started runner = started.remove(runnerName);
        if (runner == null) {
            return;
        }
        SimulatedRunner.Phase phase = runner.runner().phase();
        runner.runner().stop();
        log.info("runner.removed name={} backend=simulated phase={}", runnerName, phase);
    }

    /** A simulated runner prints nothing; its one line of "output" is its phase (and why it exited). */
    @Override
    public String logs(String runnerName, int tail) {
        Started runner = Optional.ofNullable(started.get(runnerName)).orElseThrow(() ->
                new RunnerBackendException(runnerName, "no simulated runner by this name", null));
        if (tail <= 0) {
            return "";
        }
        SimulatedRunner sim = runner.runner();
        String exit = sim.isAlive() ? "" : " exit_reason=\"" + sim.exitReason() + "\"";
        return "simulated-runner name=" + runnerName + " runner_id=" + sim.runnerId() + " phase=" + sim.phase()
                + exit + "\n";
    }

    /** Stops every runner still running; the demo calls this when it shuts down. */
    @Override
    public void close() {
        started.clear();
        runners.close();
    }

    private static RunnerInstance toInstance(String name, Started runner) {
        SimulatedRunner sim = runner.runner();
        if (sim.isAlive()) {
            return new RunnerInstance(name, "simulated-" + name, RunnerInstance.State.RUNNING, IMAGE,
                    runner.createdAt(), Optional.empty(), "");
        }
        int exitCode = CLEAN_EXITS.contains(sim.exitReason()) ? 0 : 1;
        return new RunnerInstance(name, "simulated-" + name, RunnerInstance.State.EXITED, IMAGE, runner.createdAt(),
                Optional.of(exitCode), sim.exitReason());
    }
}
