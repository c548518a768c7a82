package io.runnerorchestrator.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_DEMAND=scaleset on real Docker, with no webhooks: the jar creates its runner scale set
 * on github-sim, learns of a burst from the set's message queue, serves it within MAX with runners
 * registered through the Actions service, and never scans the queue over the REST API; stopped with
 * SIGTERM it deletes its session, and started again it holds the session at once.
 */
class ScaleSetE2EIT {

    private static final int MAX = 3;
    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void servesABurstFromTheScaleSetsMessagesWithinMaxAndResumesAfterARestart() {
        harness = OrchestratorHarness.create("scaleset");
        String set = harness.prefix() + "-set";
        OrchestratorProcess orchestrator = harness.startWithoutWebhooks(environment(set));
        await("the scale set on github-sim").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().scaleSetNames().contains(set));

        List<Long> jobs = harness.enqueue(6, Duration.ofSeconds(2), set);

        await("every job of the burst completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
        assertThat(SimJobs.of(harness.sim().state(), jobs)).allSatisfy(job ->
                assertThat(job.runnerName()).startsWith(harness.prefix() + "-"));
        assertThat(harness.watch().maxRunning()).as("most runner containers running at once").isLessThanOrEqualTo(MAX);
        await("the pool back at MIN 0").atMost(Duration.ofMinutes(1))
                .until(() -> harness.docker().containers(harness.instanceId()).isEmpty());
        assertThat(harness.sim().state().requests().count("GET /repos/{owner}/{repo}/actions/runs"))
                .as("REST queue scans").isZero();
        assertThat(harness.sim().state().actionsRequests()
                .count("POST /_apis/runtime/runnerscalesets/{id}/generatejitconfig")).as("JIT configs from the scale set")
                .isGreaterThanOrEqualTo(jobs.size());
        System.out.printf("e2e.measure test=scaleset jobs=%d rest_counted=%d actions_calls=%d%n", jobs.size(),
                harness.sim().state().requests().counted(), harness.sim().state().actionsRequests().total());
        assertThat(orchestrator.log()).doesNotContain(OrchestratorHarness.TOKEN);

        // A graceful stop deletes the session, so the next start holds it at once: no 409 loop.
        orchestrator.terminate();
        assertThat(orchestrator.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThat(orchestrator.events("scaleset.session_closed")).hasSize(1);
        OrchestratorProcess restarted = harness.startWithoutWebhooks(environment(set));
        await("the session again").atMost(Duration.ofSeconds(60))
                .until(() -> !restarted.events("scaleset.session_opened").isEmpty());
        long job = harness.enqueue(1, Duration.ofSeconds(1), set).get(0);
        await("a job after the restart completes").atMost(Duration.ofMinutes(2))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), List.of(job)));
        assertThat(restarted.events("scaleset.session_conflict")).isEmpty();
        assertThat(harness.sim().scaleSetNames()).as("found again, not created twice").containsExactly(set);
    }

    private static Map<String, String> environment(String set) {
        return Map.of("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_SCALESET_NAME", set, "MIN_RUNNERS", "0",
                "MAX_RUNNERS", String.valueOf(MAX), "POLL_INTERVAL", "30s", "IDLE_TIMEOUT", "5s");
    }
}
