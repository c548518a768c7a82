package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Killed with runners up, a new process with the same instance id takes them over: no duplicates, no orphans. */
class RestartE2EIT {

    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final Map<String, String> POOL = Map.of("MIN_RUNNERS", String.valueOf(MIN),
            "MAX_RUNNERS", String.valueOf(MAX));

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void adoptsItsRunnersAfterSigkillAndRestart() {
        harness = OrchestratorHarness.create("restart");
        PoolChecks pool = new PoolChecks(harness);
        OrchestratorProcess first = harness.startOrchestrator(POOL);
        pool.awaitSettledAt(MIN, Duration.ofSeconds(60));
        // Long enough to outlast the restart on an unloaded machine, so a busy runner is adopted too.
        List<Long> jobs = new ArrayList<>(harness.enqueue(1, Duration.ofSeconds(30), "self-hosted"));
        SimState.Job running = await("the long job runs").atMost(Duration.ofSeconds(30))
                .until(() -> harness.sim().state().job(jobs.get(0)).orElseThrow(),
                        job -> job.status().equals("in_progress"));
        String idle = harness.ourRunners().stream().map(SimState.Runner::name)
                .filter(name -> !name.equals(running.runnerName())).findFirst().orElseThrow();
        String idleContainer = harness.docker().inspect(idle).getId();

        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).as("exit status after SIGKILL").isEqualTo(137);
        OrchestratorProcess second = harness.startOrchestrator(POOL);
        pool.awaitPasses(3, Duration.ofSeconds(30));

        assertThat(harness.docker().inspect(idle).getId()).as("the idle runner's container, adopted").isEqualTo(idleContainer);
        assertThat(harness.ourRunners()).extracting(SimState.Runner::name).contains(idle);
        jobs.addAll(harness.enqueue(3, Duration.ofSeconds(2), "self-hosted"));
        await("every job completes").atMost(Duration.ofMinutes(2))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        pool.awaitSettledAt(MIN, Duration.ofSeconds(60));
        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
        assertThat(harness.watch().maxRunning()).as("most runner containers running at once").isLessThanOrEqualTo(MAX);
        System.out.printf("e2e.measure test=restart busy_runner_adopted_while_busy=%s%n",
                second.events("runner.seen").stream().anyMatch(l -> l.contains(running.runnerName()) && l.contains("state=busy")));
    }
}
