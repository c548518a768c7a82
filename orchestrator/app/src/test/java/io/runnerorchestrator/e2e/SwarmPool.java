package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The pool as the swarm and the simulator both see it, for tests with ORCHESTRATOR_BACKEND=swarm:
 * the environment that selects the backend, and waits on services and registrations.
 */
final class SwarmPool {

    private final OrchestratorHarness harness;
    private final TestSwarmEngine swarm;

    SwarmPool(OrchestratorHarness harness, TestSwarmEngine swarm) {
        this.harness = harness;
        this.swarm = swarm;
    }

    /** What selects the swarm backend on the test swarm, plus {@code overrides}. */
    Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("ORCHESTRATOR_BACKEND", "swarm",
                "DOCKER_HOST", swarm.host(), "ORCHESTRATOR_RUNNER_NETWORK", "host"));
        env.putAll(overrides);
        return env;
    }

    OrchestratorProcess start(Map<String, String> overrides) {
        return harness.startOrchestrator(environment(overrides));
    }

    /**
     * Settled at {@code size}: that many services, each with its task running, the same names
     * registered and online, and nothing else of ours (no ended service, no other registration,
     * no secret beyond one per runner).
     */
    void awaitSettledAt(int size, Duration deadline) {
        await("swarm pool settled at " + size + " runner(s)").atMost(deadline).until(() -> settledAt(size));
    }

    private boolean settledAt(int size) {
        String id = harness.instanceId();
        Set<String> running = swarm.running(id);
        int services = swarm.services(id).size();
        int secrets = swarm.secrets(id).size();
        List<SimState.Runner> runners = harness.ourRunners();
        Set<String> registered = runners.stream().map(SimState.Runner::name).collect(Collectors.toSet());
        return running.size() == size && services == size && secrets == size && registered.equals(running)
                && runners.stream().allMatch(r -> r.status().equals("online"));
    }
}
