package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Waits on the pool as Docker and the simulator both see it. */
final class PoolChecks {

    private final OrchestratorHarness harness;

    PoolChecks(OrchestratorHarness harness) {
        this.harness = harness;
    }

    /**
     * Settled at {@code size}: that many containers running, the same names registered and online,
     * and nothing else of ours (no exited container, no other registration).
     */
    void awaitSettledAt(int size, Duration deadline) {
        await("pool settled at " + size + " runner(s)").atMost(deadline).until(() -> settledAt(size));
    }

    private boolean settledAt(int size) {
        Set<String> containers = harness.docker().containers(harness.instanceId()).stream()
                .filter(c -> "running".equals(c.getState())).map(E2eDocker::name).collect(Collectors.toSet());
        int all = harness.docker().containers(harness.instanceId()).size();
        List<SimState.Runner> runners = harness.ourRunners();
        Set<String> registered = runners.stream().map(SimState.Runner::name).collect(Collectors.toSet());
        return containers.size() == size && all == size && registered.equals(containers)
                && runners.stream().allMatch(r -> r.status().equals("online"));
    }

    /** Waits until at least {@code count} more reconcile passes have run. */
    void awaitPasses(int count, Duration deadline) {
        long seen = harness.passes();
        await(count + " more reconcile passes").atMost(deadline).until(() -> harness.passes() >= seen + count);
    }
}
