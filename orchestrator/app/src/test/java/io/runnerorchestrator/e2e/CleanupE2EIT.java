package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What is ours and dead is cleaned up; what is not ours is never touched. */
class CleanupE2EIT {

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void removesOurLeftoversAndLeavesOthersAlone() {
        harness = OrchestratorHarness.create("cleanup");
        E2eDocker docker = harness.docker();
        // Suffixes of 8 lowercase letters or digits, as the orchestrator names its runners.
        String exited = docker.plantExited(harness.instanceId(), harness.prefix() + "-exited01");
        String neverStarted = docker.plantCreated(harness.instanceId(), harness.prefix() + "-created1");
        String otherInstance = docker.plantExited(harness.instanceId() + "-other", harness.prefix() + "-other001");
        String foreign = docker.runForeign("foreign-" + harness.instanceId());
        String offline = harness.prefix() + "-offline1";
        String foreignRunner = "someone-else-" + harness.instanceId();
        harness.registerRunner(offline);
        harness.registerRunner(foreignRunner);

        // A boot timeout far beyond the deadline below: the created container must go as never started.
        OrchestratorProcess orchestrator = harness.startOrchestrator(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "2",
                "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "600s"));

        await("our exited and never started containers and offline registration are gone")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !docker.exists(exited) && !docker.exists(neverStarted)
                        && harness.sim().state().runner(offline).isEmpty());
        assertThat(orchestrator.events("scale.down")).as("removed for what it is, not as a failed start")
                .anyMatch(line -> line.contains("name=" + harness.prefix() + "-created1 reason=NEVER_STARTED"));
        assertThat(orchestrator.events("runner.start.backoff")).isEmpty();
        PoolChecks pool = new PoolChecks(harness);
        pool.awaitSettledAt(1, Duration.ofSeconds(60));
        pool.awaitPasses(3, Duration.ofSeconds(30));
        assertThat(docker.inspect(foreign).getState().getRunning()).as("foreign container still running").isTrue();
        assertThat(docker.exists(otherInstance)).as("another instance's container").isTrue();
        assertThat(harness.sim().state().runner(foreignRunner)).as("foreign registration")
                .get().extracting(SimState.Runner::status).isEqualTo("offline");
    }
}
