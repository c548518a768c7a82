package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.runnerorchestrator.app.api.ApiAccessHttpTest.assertProblem;
import static io.runnerorchestrator.app.api.ApiClient.bearer;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.API_TOKEN;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.REPOSITORY;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runners by hand, over HTTP, with real fake-runner containers: scale up within MAX, read logs, refuse
 * to remove a busy runner unless forced, scale down the idle ones. MAX_RUNNERS=3, MIN_RUNNERS=0.
 */
@Import(RunnersHttpTest.Beans.class)
class RunnersHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
        }

        @Override
        protected String instancePrefix() {
            return "api-runners";
        }
    }

    private static final Map<String, String> AUTH = bearer(API_TOKEN);
    private OwnContainers containers;

    @BeforeAll
    void subscribeWebhooks() {
        sim.webhooks(URI.create("http://127.0.0.1:" + port + WebhookController.PATH), WEBHOOK_SECRET);
        containers = new OwnContainers(instanceId());
    }

    @AfterAll
    void closeDockerClient() {
        containers.close();
    }

    @Test
    void runnersStartedByHandWorkTheirJobAndGoAgain() {
        HttpResponse<String> up = api.post("/api/v1/runners/scale-up", "{\"count\": 2}", AUTH);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        List<String> started = names(ApiClient.parse(up.body()));
        assertThat(started).hasSize(2);
        assertThat(started).allSatisfy(name -> assertThat(containers.exists(name)).isTrue());
        awaitRunners(started, "idle");
        JsonNode first = runner(started.get(0)).orElseThrow();
        assertThat(first.path("container_id").asString()).isNotBlank();
        assertThat(first.path("github_runner_id").isIntegralNumber()).isTrue();
        assertThat(first.path("image").asString()).isEqualTo(OrchestratorUnderTest.IMAGE);
        assertThat(first.path("created_at").asString()).isNotBlank();
        assertThat(first.path("idle_since").asString()).isNotBlank();
        assertThat(first.has("node")).as("node: only backends with several machines (swarm) set it").isFalse();
        assertThat(first.path("labels").toString()).contains("docker");

        HttpResponse<String> more = api.post("/api/v1/runners/scale-up", "{\"count\": 2}", AUTH);
        assertThat(more.statusCode()).isEqualTo(200);
        assertThat(ApiClient.parse(more.body()).path("detail").asString()).isEqualTo("started 1 of 2 requested (MAX_RUNNERS=3)");
        List<String> all = new ArrayList<>(started);
        all.addAll(names(ApiClient.parse(more.body())));
        assertProblem(api.post("/api/v1/runners/scale-up", "", AUTH), 409, "at MAX_RUNNERS=3");
        assertThat(containers.runningNames()).hasSize(3);

        HttpResponse<String> logs = api.get("/api/v1/runners/" + started.get(0) + "/logs?tail=3", AUTH);
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(logs.body()).contains("fake-runner event=");
        assertThat(logs.body().lines().count()).isBetween(1L, 3L);

        awaitRunners(all, "idle");
        long job = sim.enqueue(Workload.jobs(REPOSITORY, 1).labels("self-hosted", "docker")
                .duration(Duration.ofMinutes(5))).get(0);
        JsonNode busy = await().atMost(Duration.ofSeconds(60)).until(() -> runners().stream()
                .filter(r -> r.path("state").asString().equals("busy") && r.path("job_id").asLong() == job)
                .findFirst(), Optional::isPresent).orElseThrow();
        String busyName = busy.path("id").asString();

        assertProblem(api.delete("/api/v1/runners/" + busyName, AUTH), 409, "runner " + busyName + " is busy with job " + job);
        assertThat(containers.exists(busyName)).isTrue();

        HttpResponse<String> forced = api.delete("/api/v1/runners/" + busyName + "?force=true", AUTH);
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        assertThat(ApiClient.parse(forced.body()).path("detail").asString()).endsWith("its job was cancelled");
        assertThat(containers.exists(busyName)).isFalse();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            SimState state = sim.state();
            assertThat(state.runner(busyName)).as("registration deleted once GitHub lets go of it").isEmpty();
            assertThat(state.job(job).orElseThrow().status()).isEqualTo("completed");
        });

        List<String> idle = all.stream().filter(name -> !name.equals(busyName)).toList();
        HttpResponse<String> down = api.post("/api/v1/runners/scale-down", "{\"count\": 3}", AUTH);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(200);
        assertThat(names(ApiClient.parse(down.body()))).containsExactlyInAnyOrderElementsOf(idle);
        assertThat(idle).allSatisfy(name -> assertThat(containers.exists(name)).isFalse());
        assertThat(sim.state().runners()).isEmpty();
        assertProblem(api.post("/api/v1/runners/scale-down", "", AUTH), 409, "no idle runner to remove");
        await().atMost(Duration.ofSeconds(30)).until(() -> runners().isEmpty());
    }

    private void awaitRunners(List<String> names, String state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(names).allSatisfy(name ->
                assertThat(runner(name)).hasValueSatisfying(r -> assertThat(r.path("state").asString()).isEqualTo(state))));
    }

    private Optional<JsonNode> runner(String name) {
        return runners().stream().filter(r -> r.path("id").asString().equals(name)).findFirst();
    }

    private List<JsonNode> runners() {
        List<JsonNode> runners = new ArrayList<>();
        api.json("/api/v1/runners").path("runners").forEach(runners::add);
        return runners;
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("runners").forEach(name -> names.add(name.asString()));
        return names;
    }
}
