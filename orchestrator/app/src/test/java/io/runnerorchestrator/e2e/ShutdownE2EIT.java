package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM: idle runners are unregistered and removed, busy ones finish their job, the process exits 0. */
class ShutdownE2EIT {

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void sigtermRemovesIdleRunnersLeavesBusyOnesAndExitsZero() {
        harness = OrchestratorHarness.create("sigterm");
        PoolChecks pool = new PoolChecks(harness);
        OrchestratorProcess orchestrator = harness.startOrchestrator(Map.of("MIN_RUNNERS", "2", "MAX_RUNNERS", "3"));
        pool.awaitSettledAt(2, Duration.ofSeconds(60));
        long jobId = harness.enqueue(1, Duration.ofSeconds(12), "self-hosted").get(0);
        SimState.Job running = await("the job runs").atMost(Duration.ofSeconds(30))
                .until(() -> harness.sim().state().job(jobId).orElseThrow(), job -> job.status().equals("in_progress"));
        String busy = running.runnerName();
        List<String> idle = harness.ourRunners().stream().map(SimState.Runner::name).filter(n -> !n.equals(busy)).toList();
        assertThat(idle).hasSize(1);

        Instant signalled = Instant.now();
        orchestrator.terminate();
        int exit = orchestrator.awaitExit(Duration.ofSeconds(30));

        System.out.printf("e2e.measure test=sigterm sigterm_to_exit_ms=%d%n",
                Duration.between(signalled, Instant.now()).toMillis());
        assertThat(exit).as("exit status after SIGTERM").isZero();
        assertThat(harness.docker().running(harness.instanceId())).as("containers left").containsExactly(busy);
        assertThat(harness.ourRunners()).as("registrations left").extracting(SimState.Runner::name).containsExactly(busy);
        assertThat(harness.sim().state().job(jobId).orElseThrow().status()).isEqualTo("in_progress");
        assertThat(orchestrator.events("shutdown.done")).singleElement().asString().contains("busy_left=1");
        await("the busy runner finishes its job").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().state().job(jobId).orElseThrow().status().equals("completed"));
        assertThat(harness.sim().state().job(jobId).orElseThrow().conclusion()).isEqualTo("success");
    }
}
