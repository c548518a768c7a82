package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.runnerorchestrator.app.api.ApiAccessHttpTest.assertProblem;
import static io.runnerorchestrator.app.api.ApiClient.bearer;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.API_TOKEN;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.GITHUB_TOKEN;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.REPOSITORY;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/status says, for each queued job, why it still waits. Passes run only when a webhook
 * asks (POLL_INTERVAL=10m), so each step below is one delivery and one pass. MAX_RUNNERS=1,
 * SCALE_UP_THRESHOLD=3. The rate limit comes last: it keeps the orchestrator quiet until its reset.
 */
@Import(StatusHttpTest.Beans.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.put("MAX_RUNNERS", "1");
            env.put("SCALE_UP_THRESHOLD", "3");
            env.put("POLL_INTERVAL", "10m");
            env.put("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "20s");
        }

        @Override
        protected String instancePrefix() {
            return "api-status";
        }
    }

    @BeforeAll
    void subscribeWebhooks() {
        sim.webhooks(URI.create("http://127.0.0.1:" + port + WebhookController.PATH), WEBHOOK_SECRET);
    }

    @Test
    @Order(1)
    void showsTheConfigurationButNoSecret() {
        HttpResponse<String> response = api.get("/api/v1/status");
        JsonNode status = ApiClient.parse(response.body());

        assertThat(status.path("instance_id").asString()).isEqualTo(instanceId());
        assertThat(status.path("version").asString()).isNotBlank();
        assertThat(status.path("uptime_seconds").isIntegralNumber()).isTrue();
        JsonNode configuration = status.path("configuration");
        assertThat(configuration.path("scope").asString()).isEqualTo("repo:" + REPOSITORY);
        assertThat(configuration.path("max_runners").asInt()).isEqualTo(1);
        assertThat(configuration.path("runner_image").asString()).isEqualTo(OrchestratorUnderTest.IMAGE);
        assertThat(configuration.path("api_token_set").asBoolean()).isTrue();
        assertThat(configuration.path("webhook_secret_set").asBoolean()).isTrue();
        assertThat(configuration.path("runner_docker").asString()).isEqualTo("none");
        assertThat(configuration.path("runner_pids_limit").asLong()).isEqualTo(4096);
        assertThat(configuration.path("runner_memory_bytes").asLong()).isPositive();
        assertThat(status.path("security_warnings").isArray()).isTrue();
        assertThat(status.path("security_warnings").isEmpty()).as("nothing risky is configured").isTrue();
        assertThat(response.body()).doesNotContain(GITHUB_TOKEN, API_TOKEN, WEBHOOK_SECRET);
    }

    @Test
    @Order(2)
    void isReadyOnceDockerAndGitHubAnswered() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = api.get("/api/v1/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode body = ApiClient.parse(health.body());
            assertThat(body.path("ready").asBoolean()).isTrue();
            assertThat(body.path("checks").path("docker").path("detail").asString()).startsWith("Docker ");
        });
    }

    @Test
    @Order(3)
    void eachQueuedJobSaysWhyItWaits() {
        long gpu = sim.enqueue(Workload.jobs(REPOSITORY, 1).labels("self-hosted", "gpu")).get(0);
        long first = enqueue(1);
        awaitReasons(Map.of(gpu, "labels not served", first, "runner starting"));
        JsonNode status = api.json("/api/v1/status");
        assertThat(status.path("queue").path("length").asInt()).isEqualTo(2);
        JsonNode job = jobs(status).get(first);
        assertThat(job.path("run_id").isIntegralNumber()).isTrue();
        assertThat(job.path("repository").asString()).isEqualTo(REPOSITORY);
        assertThat(job.path("labels").toString()).isEqualTo("[\"self-hosted\",\"docker\"]");
        assertThat(job.path("queued_at").asString()).isNotBlank();
        assertThat(job.path("waiting_seconds").isIntegralNumber()).isTrue();
        assertThat(status.path("last_reconcile").path("decision").path("summary").asString()).startsWith("desired=1");
        assertThat(status.path("github").path("rate_limit_remaining").isIntegralNumber()).isTrue();

        long second = enqueue(1);
        long third = enqueue(1);
        awaitReasons(Map.of(second, "at MAX_RUNNERS", third, "at MAX_RUNNERS"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = api.json("/api/v1/status");
            assertThat(now.path("runners").path("busy").asInt()).as("the runner took the oldest job").isEqualTo(1);
            assertThat(now.path("runners").path("max").asInt()).isEqualTo(1);
            assertThat(jobs(now)).doesNotContainKey(first);
        });

        sim.faults().serverErrors(1_000);
        // A pass that cannot observe keeps the last picture: the jobs seen before now wait for GitHub.
        awaitReasonsWhileEnqueuing(Map.of(second, "GitHub unreachable", third, "GitHub unreachable"));
        assertThat(api.json("/api/v1/status").path("github").path("last_error").asString()).contains("502");
        sim.faults().clear();
    }

    @Test
    @Order(4)
    void aRateLimitSaysUntilWhen() {
        long job = enqueue(1);
        awaitReasons(Map.of(job, "at MAX_RUNNERS"));
        sim.faults().exhaustRateLimit(Duration.ofMinutes(30));

        // each try queues a job: its webhook asks for a pass
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> enqueueAnd(() ->
                assertThat(jobs(api.json("/api/v1/status")).getOrDefault(job, MissingNode.getInstance()).path("reason").asString())
                        .startsWith("rate limited until 20")));
        assertProblem(api.post("/api/v1/runners/scale-up", "", bearer(API_TOKEN)), 503, "rate limited until");
        assertThat(api.get("/api/v1/health").statusCode()).as("a rate limit says nothing against the token")
                .isEqualTo(200);
    }

    private long enqueue(int count) {
        return sim.enqueue(Workload.jobs(REPOSITORY, count).labels("self-hosted", "docker")
                .duration(Duration.ofMinutes(10))).get(0);
    }

    /**
     * A pass that webhooks trigger soon after a full look acts on their hints and asks GitHub nothing
     * (ORCHESTRATOR_RUNNER_BOOT_TIMEOUT=20s makes a full look due after 10 s): each try queues one more
     * job, whose webhook asks for a pass, until a pass has looked at GitHub.
     */
    private void awaitReasonsWhileEnqueuing(Map<Long, String> expected) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> enqueueAnd(() -> {
            Map<Long, JsonNode> jobs = jobs(api.json("/api/v1/status"));
            expected.forEach((id, reason) -> assertThat(jobs.getOrDefault(id, MissingNode.getInstance())
                    .path("reason").asString("(not queued)")).as("job " + id).isEqualTo(reason));
        }));
    }

    private void enqueueAnd(org.awaitility.core.ThrowingRunnable assertion) throws Throwable {
        enqueue(1);
        assertion.run();
    }

    private void awaitReasons(Map<Long, String> expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<Long, JsonNode> jobs = jobs(api.json("/api/v1/status"));
            expected.forEach((id, reason) -> assertThat(jobs.getOrDefault(id, MissingNode.getInstance())
                    .path("reason").asString("(not queued)")).as("job " + id).isEqualTo(reason));
        });
    }

    private static Map<Long, JsonNode> jobs(JsonNode status) {
        Map<Long, JsonNode> jobs = new HashMap<>();
        status.path("queue").path("jobs").forEach(job -> jobs.put(job.path("id").asLong(), job));
        return jobs;
    }
}
