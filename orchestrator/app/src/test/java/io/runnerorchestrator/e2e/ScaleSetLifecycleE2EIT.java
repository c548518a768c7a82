package io.runnerorchestrator.e2e;

import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_DEMAND=scaleset on real Docker through what happens to a pool over its life: runners
 * idle past IDLE_TIMEOUT go (never a busy one, never below MIN), a scale set deleted on GitHub's side
 * is created again and its jobs are served, and a runner version GitHub no longer accepts (exit code
 * 7) stops every start with the reason in the status and the health check.
 */
class ScaleSetLifecycleE2EIT {

    private static final int MAX = 3;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    private static final String API_TOKEN = "e2e-api-token";
    private static final String CREATE_SCALE_SET = "POST /_apis/runtime/runnerscalesets";
    /**
     * A runner whose version GitHub deprecated: with ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE=1
     * it exits 7, without it 1. ORCHESTRATOR_RUNNER_COMMAND splits on spaces, so the script has none.
     */
    private static final String DEPRECATED_RUNNER = "sh -c"
            + " test${IFS}\"$ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE\"${IFS}=${IFS}1&&exit${IFS}7";

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void removesRunnersIdlePastTheTimeoutButNeverABusyOneNorBelowMin() {
        harness = OrchestratorHarness.create("ss-idle");
        String set = harness.prefix() + "-set";
        PoolChecks pool = new PoolChecks(harness);
        OrchestratorProcess orchestrator = harness.startWithoutWebhooks(environment(set,
                Map.of("MIN_RUNNERS", "1", "API_TOKEN", API_TOKEN)));
        InstanceApi api = new InstanceApi(orchestrator, API_TOKEN);
        pool.awaitSettledAt(1, Duration.ofSeconds(90));

        // Far longer than IDLE_TIMEOUT, so the runner is busy all the while the idle ones time out.
        long job = harness.enqueue(1, Duration.ofSeconds(90), set).get(0);
        String busy = await("the job runs").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().state().job(job).orElseThrow(), j -> j.status().equals("in_progress"))
                .runnerName();
        List<String> idle = api.scaleUp(2).path("runners").valueStream().map(JsonNode::asString).toList();
        assertThat(idle).hasSize(2).doesNotContain(busy);
        await("the runners started by hand are online").atMost(Duration.ofSeconds(90))
                .until(() -> onlineRunners().containsAll(idle));

        await("the idle runners removed, the busy one left").atMost(Duration.ofSeconds(90))
                .until(() -> harness.docker().running(harness.instanceId()).equals(List.of(busy))
                        && !onlineRunners().contains(idle.get(0)) && !onlineRunners().contains(idle.get(1)));
        assertThat(harness.sim().state().job(job).orElseThrow().status()).as("the busy runner's job").isEqualTo("in_progress");
        // The container goes a moment before its removal is logged.
        await("each removal logged with its reason").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(orchestrator.events("scale.down")).as("removals").hasSize(2).allSatisfy(line ->
                        assertThat(line).contains("reason=IDLE_TIMEOUT")
                                .containsAnyOf("name=" + idle.get(0) + " ", "name=" + idle.get(1) + " ")));

        await("the long job completes").atMost(Duration.ofMinutes(2))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), List.of(job)));
        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
        pool.awaitSettledAt(1, Duration.ofSeconds(90));
        String min = harness.docker().running(harness.instanceId()).get(0);
        await("the MIN runner stays though idle past the timeout").during(IDLE_TIMEOUT.multipliedBy(3))
                .atMost(IDLE_TIMEOUT.multipliedBy(3).plusSeconds(30))
                .until(() -> harness.docker().running(harness.instanceId()).equals(List.of(min)));
        assertThat(orchestrator.log()).doesNotContain(OrchestratorHarness.TOKEN, API_TOKEN);
    }

    @Test
    void createsTheScaleSetAgainWhenItIsDeletedAndGoesOnServingJobs() {
        harness = OrchestratorHarness.create("ss-deleted");
        String set = harness.prefix() + "-set";
        OrchestratorProcess orchestrator = harness.startWithoutWebhooks(environment(set, Map.of()));
        await("the scale set on github-sim").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().scaleSetNames().contains(set));
        List<Long> before = harness.enqueue(1, Duration.ofSeconds(1), set);
        await("a job before the deletion completes").atMost(Duration.ofMinutes(2))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), before));

        assertThat(harness.sim().deleteScaleSets()).as("scale sets deleted").isEqualTo(1);
        List<Long> after = harness.enqueue(3, Duration.ofSeconds(2), set);

        await("the scale set created again").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().state().actionsRequests().count(CREATE_SCALE_SET) == 2
                        && harness.sim().scaleSetNames().contains(set));
        await("every job queued after the deletion completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), after));
        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
        assertThat(SimJobs.of(harness.sim().state(), after)).allSatisfy(job ->
                assertThat(job.runnerName()).startsWith(harness.prefix() + "-"));
        assertThat(harness.sim().scaleSetNames()).as("one scale set, not one per attempt").containsExactly(set);
        assertThat(orchestrator.events("scaleset.deleted")).as("the deletion noticed").isNotEmpty();
        assertThat(harness.watch().maxRunning()).as("most runner containers running at once").isLessThanOrEqualTo(MAX);
        await("the pool back at MIN 0").atMost(Duration.ofMinutes(1))
                .until(() -> harness.docker().containers(harness.instanceId()).isEmpty());
    }

    @Test
    void haltsStartsWithAClearStatusWhenARunnerExitsWithCode7() {
        harness = OrchestratorHarness.create("ss-exit7");
        String set = harness.prefix() + "-set";
        OrchestratorProcess orchestrator = harness.startWithoutWebhooks(environment(set,
                Map.of("ORCHESTRATOR_RUNNER_COMMAND", DEPRECATED_RUNNER)));
        InstanceApi api = new InstanceApi(orchestrator, API_TOKEN);
        await("the scale set on github-sim").atMost(Duration.ofSeconds(60))
                .until(() -> harness.sim().scaleSetNames().contains(set));

        long job = harness.enqueue(1, Duration.ofSeconds(1), set).get(0);

        await("starts halted in the status").atMost(Duration.ofSeconds(90))
                .until(() -> api.status().path("start_failures").path("halted").isString());
        JsonNode status = api.status();
        assertThat(status.path("start_failures").path("halted").asString())
                .contains("exited with code 7", "update the runner image");
        InstanceApi.Answer health = api.health();
        assertThat(health.status()).as("health: %s", health.body()).isEqualTo(503);
        assertThat(health.body().path("checks").path("starts").path("ok").asBoolean(true)).isFalse();
        assertThat(health.body().path("checks").path("starts").path("detail").asString()).contains("exited with code 7");

        new PoolChecks(harness).awaitPasses(5, Duration.ofSeconds(60));
        // Whether the runner exits before the start is checked or after, it is the only one: no probe follows.
        assertThat(harness.watch().created()).as("containers ever created").hasSize(1);
        assertThat(harness.docker().containers(harness.instanceId())).as("exited containers left").isEmpty();
        assertThat(harness.sim().state().job(job).orElseThrow().status()).as("the job no runner took").isEqualTo("queued");
        assertThat(api.status().path("queue").path("jobs").valueStream().map(queued -> queued.path("reason").asString()))
                .as("why the job waits").singleElement().asString().startsWith("starts halted");
        assertThat(orchestrator.events("runner.version_deprecated")).as("logged once, as an error").singleElement()
                .asString().contains("ERROR");
    }

    private List<String> onlineRunners() {
        return harness.ourRunners().stream().filter(r -> r.status().equals("online")).map(SimState.Runner::name).toList();
    }

    private static Map<String, String> environment(String set, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_SCALESET_NAME", set,
                "MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX), "IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s"));
        env.putAll(overrides);
        return env;
    }
}
