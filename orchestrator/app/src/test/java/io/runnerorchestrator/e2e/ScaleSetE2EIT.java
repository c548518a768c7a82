package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_DEMAND=scaleset on real Docker, with no webhooks: the jar creates its runner scale set
 * on github-sim, learns of a burst from the set's message queue, serves it within MAX with runners
 * registered through the Actions service, never scans the queue over the REST API and reads the REST
 * runner list only as the periodic safety net, not per job or message; stopped with
 * SIGTERM it deletes its session, and started again it holds the session at once.
 */
class ScaleSetE2EIT {

    private static final int MAX = 3;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(30);
    private static final String RUNNER_LIST = "GET /repos/{owner}/{repo}/actions/runners";
    private static final String REGISTRATION_TOKEN = "POST /repos/{owner}/{repo}/actions/runners/registration-token";
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

        SimState.Requests before = harness.sim().state().requests();
        Instant burstStart = Instant.now();
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
        assertRunnerListReadOnlyAsTheSafetyNet(before, harness.sim().state().requests(),
                Duration.between(burstStart, Instant.now()), jobs.size());
        assertThat(harness.sim().state().actionsRequests()
                .count("POST /_apis/runtime/runnerscalesets/{id}/generatejitconfig")).as("JIT configs from the scale set")
                .isGreaterThanOrEqualTo(jobs.size());
        System.out.printf("e2e.measure test=scaleset jobs=%d rest_counted=%d actions_calls=%d%n", jobs.size(),
                harness.sim().state().requests().counted(), harness.sim().state().actionsRequests().total());
        System.out.printf("e2e.measure test=scaleset rest_by_endpoint_status=%s actions_by_endpoint=%s%n",
                harness.sim().state().requests().byEndpointStatus(), harness.sim().state().actionsRequests().byEndpoint());
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

    /**
     * The passes the listener's messages trigger act on the news without reading the REST runner list:
     * it is read (with ETags) only by the full look due once per ten POLL_INTERVALs, so during the burst
     * at most once per ten POLL_INTERVALs elapsed, plus one for the look under way and one for a pass that
     * failed (a failure makes the next look full), however many jobs and messages there are.
     */
    private static void assertRunnerListReadOnlyAsTheSafetyNet(SimState.Requests before, SimState.Requests after,
                                                                Duration burst, int jobs) {
        long reads = after.count(RUNNER_LIST) - before.count(RUNNER_LIST);
        long charged = after.counted() - before.counted()
                - (after.count(REGISTRATION_TOKEN) - before.count(REGISTRATION_TOKEN));
        System.out.printf(Locale.ROOT, "e2e.measure test=scaleset burst_jobs=%d burst_s=%d runner_list_reads=%d"
                        + " rest_charged=%d rest_charged_per_job=%.2f%n", jobs, burst.toSeconds(), reads, charged,
                (double) charged / jobs);
        long bound = burst.dividedBy(POLL_INTERVAL.multipliedBy(10)) + 2;
        assertThat(reads).as("REST runner-list reads in a burst of %d jobs over %d s (POLL_INTERVAL %d s)", jobs,
                burst.toSeconds(), POLL_INTERVAL.toSeconds()).isLessThanOrEqualTo(bound);
    }

    private static Map<String, String> environment(String set) {
        return Map.of("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_SCALESET_NAME", set, "MIN_RUNNERS", "0",
                "MAX_RUNNERS", String.valueOf(MAX), "POLL_INTERVAL", POLL_INTERVAL.toSeconds() + "s", "IDLE_TIMEOUT", "5s");
    }
}
