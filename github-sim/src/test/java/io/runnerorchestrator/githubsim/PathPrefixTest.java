package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The REST API under {@code /api/v3}, as on GitHub Enterprise Server; web URL and /_sim stay at the root. */
class PathPrefixTest {
    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test")
            .repository("acme/app").pathPrefix("/api/v3").build());
    private final SimHttp api = new SimHttp(sim.apiUrl(), "ghp_test");
    private final SimHttp root = new SimHttp(sim.baseUrl(), "ghp_test");

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void servesTheApiOnlyBelowThePrefix() {
        assertThat(sim.apiUrl()).isEqualTo(sim.baseUrl() + "/api/v3");
        assertThat(api.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(200);
        assertThat(api.get("/rate_limit").statusCode()).isEqualTo(200);
        assertThat(root.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(404);
        assertThat(api.get("//repos/acme/app/actions/runners").statusCode()).isEqualTo(404);
        assertThat(sim.state().requests().count("GET /repos/{owner}/{repo}/actions/runners", 200)).isEqualTo(1);
    }

    @Test
    void linksKeepThePrefixWhileRunnersConnectAtTheRoot() {
        sim.enqueue(Workload.jobs("acme/app", 3).labels("self-hosted"));
        HttpResponse<String> firstPage = api.get("/repos/acme/app/actions/runs?per_page=2");
        assertThat(firstPage.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
                .contains("<" + sim.baseUrl() + "/api/v3/repos/acme/app/actions/runs?per_page=2&page=2>; rel=\"next\""));
        JsonNode run = SimHttp.json(firstPage).path("workflow_runs").get(0);
        assertThat(run.path("jobs_url").asString()).startsWith(sim.apiUrl() + "/repos/acme/app/actions/runs/");
        assertThat(run.path("html_url").asString()).startsWith(sim.baseUrl() + "/acme/app/actions/runs/");

        String encoded = api.generateJit("/repos/acme/app", "prefixed-1", "self-hosted").path("encoded_jit_config").asString();
        JsonNode config = SimHttp.JSON.readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertThat(config.path("url").asString()).isEqualTo(sim.baseUrl());
        try (SimulatedRunners runners = new SimulatedRunners()) {
            runners.start(encoded);
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.state().jobsWithStatus("completed").stream()
                    .anyMatch(job -> "prefixed-1".equals(job.runnerName())));
        }
    }

    @Test
    void refusesAPrefixThatIsNotAPath() {
        assertThatThrownBy(() -> SimConfig.builder().token("t").repository("a/b").pathPrefix("/api/v3/").build())
                .hasMessageContaining("pathPrefix");
        assertThatThrownBy(() -> SimConfig.builder().token("t").repository("a/b").pathPrefix("api").build())
                .hasMessageContaining("pathPrefix");
    }
}
