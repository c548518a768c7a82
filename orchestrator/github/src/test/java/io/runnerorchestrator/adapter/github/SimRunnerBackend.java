package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.RunnerRegistration;
import io.runnerorchestrator.githubsim.SimulatedRunner;
import io.runnerorchestrator.githubsim.SimulatedRunners;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runners as the simulator's in-process runners, started from the environment the orchestrator
 * gives a container: a JIT config, or in token mode the myoung34/github-runner variables
 * (the RUNNER_TOKEN_FILE secret file, REPO_URL or GITHUB_HOST + ORG_NAME, LABELS). Keeps every spec for assertions.
 */
public final class SimRunnerBackend implements RunnerBackend {

    private final SimulatedRunners runners = new SimulatedRunners();
    private final Map<String, SimulatedRunner> started = new ConcurrentHashMap<>();
    private final List<RunnerSpec> specs = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public BackendHealth health() {
        return BackendHealth.up("in-process runners");
    }

    @Override
    public List<RunnerInstance> list() {
        return started.entrySet().stream().map(e -> {
            boolean alive = e.getValue().isAlive();
            return new RunnerInstance(e.getKey(), "sim-" + e.getKey(),
                    alive ? RunnerInstance.State.RUNNING : RunnerInstance.State.EXITED, "simulated", Instant.EPOCH,
                    alive ? Optional.empty() : Optional.of(0), e.getValue().exitReason());
        }).toList();
    }

    @Override
    public RunnerInstance start(RunnerSpec spec) {
        specs.add(spec);
        Map<String, String> env = spec.environment();
        SimulatedRunner runner = env.containsKey("ACTIONS_RUNNER_INPUT_JITCONFIG")
                ? runners.start(env.get("ACTIONS_RUNNER_INPUT_JITCONFIG"))
                : runners.start(RunnerRegistration.token(scopeUrl(env), spec.registrationToken().orElseThrow(), spec.name(),
                        Arrays.asList(env.get("LABELS").split(",")), "true".equals(env.get("EPHEMERAL"))));
        started.put(spec.name(), runner);
        return list().stream().filter(i -> i.name().equals(spec.name())).findFirst().orElseThrow();
    }

    /** As the image builds it: REPO_URL, or http://GITHUB_HOST/ORG_NAME (the simulator speaks plain http). */
    private static String scopeUrl(Map<String, String> env) {
        return "org".equals(env.get("RUNNER_SCOPE")) ? "http://" + env.get("GITHUB_HOST") + "/" + env.get("ORG_NAME")
                : env.get("REPO_URL");
    }

    @Override
    public void remove(String runnerName) {
        Optional.ofNullable(started.remove(runnerName)).ifPresent(SimulatedRunner::stop);
    }

    @Override
    public String logs(String runnerName, int tail) {
        return "";
    }

    public int live() {
        return (int) started.values().stream().filter(SimulatedRunner::isAlive).count();
    }

    public List<RunnerSpec> specs() {
        return List.copyOf(specs);
    }

    @Override
    public void close() {
        runners.close();
    }
}
