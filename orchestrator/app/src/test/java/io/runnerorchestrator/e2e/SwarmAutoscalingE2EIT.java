package io.runnerorchestrator.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_BACKEND=swarm on a real single-node swarm: a burst is served within MAX by one-task
 * replicated-job services placed by a node-label constraint, each runner's JIT config a Docker
 * secret absent from {@code docker service inspect}; the API shows the node; idle runners go and
 * nothing of theirs (service or secret) is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmAutoscalingE2EIT {

    private static final int MAX = 3;
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private TestSwarmEngine swarm;
    private OrchestratorHarness harness;
    private SwarmPool pool;
    private OrchestratorProcess orchestrator;

    @BeforeAll
    void start() {
        swarm = TestSwarmEngine.start();
        harness = OrchestratorHarness.create("swarm-burst");
        pool = new SwarmPool(harness, swarm);
        orchestrator = pool.start(Map.of("MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_RUNNER_MODE", "jit", "ORCHESTRATOR_RUNNER_CPUS", "0.25", "ORCHESTRATOR_RUNNER_MEMORY", "128m",
                "ORCHESTRATOR_SWARM_CONSTRAINTS", "node.labels." + TestSwarmEngine.NODE_LABEL + "==true"));
    }

    @AfterAll
    void cleanUp() throws IOException {
        try {
            if (harness != null) {
                harness.close();
                swarm.removeAll(harness.instanceId());
            }
        } finally {
            swarm.close();
        }
    }

    @Test
    void servesABurstWithinMaxOnTheSwarmAndLeavesNothingBehind() throws Exception {
        try (ServiceWatch watch = new ServiceWatch(swarm, harness.instanceId())) {
            List<Long> jobs = harness.enqueue(8, Duration.ofSeconds(3), "self-hosted", "linux");

            String runner = await("a runner task runs").atMost(SETTLE)
                    .until(() -> swarm.running(harness.instanceId()), names -> !names.isEmpty()).iterator().next();
            String inspect = swarm.inspectService(runner);
            // The API answers from the last pass, which may predate the task: wait for a pass that saw it.
            await("/api/v1/runners shows a runner's node").atMost(SETTLE)
                    .until(() -> get("/api/v1/runners"), body -> body.contains("\"node\":\""));
            await("every job of the burst completes").atMost(Duration.ofMinutes(3))
                    .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
            pool.awaitSettledAt(0, SETTLE);

            assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
            assertThat(watch.maxRunning()).as("most runner tasks running at once").isEqualTo(MAX);
            assertThat(watch.created()).as("a service per job at least").hasSizeGreaterThanOrEqualTo(jobs.size());
            // A JIT config is base64 of JSON, so it starts with eyJ; service ids never hold an upper-case J.
            assertThat(inspect).as("docker service inspect " + runner)
                    .contains("\"ReplicatedJob\"", "\"Condition\": \"none\"", "node.labels.ci==true",
                            "ACTIONS_RUNNER_INPUT_JITCONFIG_FILE=", "\"NanoCPUs\": 250000000")
                    .doesNotContain("ACTIONS_RUNNER_INPUT_JITCONFIG=", "eyJ");
            assertThat(swarm.services(harness.instanceId())).as("services left").isEmpty();
            await("secrets go with their services").atMost(Duration.ofSeconds(30))
                    .until(() -> swarm.secrets(harness.instanceId()).isEmpty());
            assertThat(orchestrator.log()).as("the orchestrator's log").doesNotContain("eyJ");
            System.out.printf("e2e.measure test=swarm-burst jobs=%d services_created=%d%n", jobs.size(),
                    watch.created().size());
        }
    }

    private String get(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + orchestrator.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }
}
