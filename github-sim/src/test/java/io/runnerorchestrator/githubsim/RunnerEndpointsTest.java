package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerEndpointsTest {
    private static final String REPO = "/repos/acme/app";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private GitHubSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .repository("acme/api").build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void listsMoreThanOneHundredRunnersPageByPageFollowingLinkHeaders() {
        for (int i = 1; i <= 205; i++) {
            http.generateJit(REPO, "runner-" + i, "linux");
        }
        List<String> names = new ArrayList<>();
        String url = REPO + "/actions/runners?per_page=100&name_hint=x";
        HttpResponse<String> first = http.get(url);
        assertThat(first.headers().firstValue("Link")).get().asString()
                .contains("per_page=100&name_hint=x&page=2>; rel=\"next\"")
                .contains("page=3>; rel=\"last\"");
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = http.get(url);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = SimHttp.json(page);
            assertThat(body.path("total_count").asInt()).isEqualTo(205);
            body.path("runners").forEach(runner -> names.add(runner.path("name").asString()));
            pages++;
            Matcher next = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
            url = next.find() ? next.group(1) : null;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(205).doesNotHaveDuplicates().startsWith("runner-1").endsWith("runner-205");
    }

    @Test
    void defaultPageHoldsThirtyAndPerPageIsCappedAtOneHundred() {
        for (int i = 1; i <= 120; i++) {
            http.generateJit(REPO, "r" + i, "linux");
        }
        assertThat(SimHttp.json(http.get(REPO + "/actions/runners")).path("runners").size()).isEqualTo(30);
        assertThat(SimHttp.json(http.get(REPO + "/actions/runners?per_page=500")).path("runners").size())
                .isEqualTo(100);
    }

    @Test
    void jitRunnerHasGitHubShapeWithReadOnlyAndCustomLabels() {
        // Labels match case-insensitively, so "linux" and "self-hosted" are the read-only ones.
        JsonNode answer = http.generateJit(REPO, "jit-1", "linux", "gpu", "self-hosted");
        JsonNode runner = answer.path("runner");
        assertThat(runner.path("name").asString()).isEqualTo("jit-1");
        assertThat(runner.path("os").asString()).isEqualTo("linux");
        assertThat(runner.path("status").asString()).isEqualTo("offline");
        assertThat(runner.path("busy").asBoolean(true)).isFalse();
        assertThat(runner.path("ephemeral").asBoolean()).isTrue();
        assertThat(runner.path("runner_group_id").asLong()).isEqualTo(1);
        List<String> labels = new ArrayList<>();
        runner.path("labels").forEach(l -> labels.add(l.path("name").asString() + ":" + l.path("type").asString()));
        assertThat(labels).containsExactly("self-hosted:read-only", "Linux:read-only", "X64:read-only",
                "gpu:custom");
        assertThat(answer.path("encoded_jit_config").asString()).isNotBlank();

        long id = runner.path("id").asLong();
        JsonNode fetched = SimHttp.json(http.get(REPO + "/actions/runners/" + id));
        assertThat(fetched.path("name").asString()).isEqualTo("jit-1");
    }

    @Test
    void nameFilterFindsOneRunner() {
        http.generateJit(REPO, "alpha", "linux");
        http.generateJit(REPO, "beta", "linux");
        JsonNode body = SimHttp.json(http.get(REPO + "/actions/runners?name=beta"));
        assertThat(body.path("total_count").asInt()).isEqualTo(1);
        assertThat(body.path("runners").get(0).path("name").asString()).isEqualTo("beta");
    }

    @Test
    void repositoryAndOrganisationRunnersAreSeparate() {
        http.generateJit(REPO, "repo-runner", "linux");
        http.generateJit("/orgs/acme", "org-runner", "linux");
        assertThat(names(http.get(REPO + "/actions/runners"))).containsExactly("repo-runner");
        assertThat(names(http.get("/orgs/acme/actions/runners"))).containsExactly("org-runner");
        assertThat(names(http.get("/repos/acme/api/actions/runners"))).isEmpty();
    }

    @Test
    void duplicateNameIsAConflict() {
        http.generateJit(REPO, "same", "linux");
        HttpResponse<String> again = http.post(REPO + "/actions/runners/generate-jitconfig",
                "{\"name\":\"same\",\"runner_group_id\":1,\"labels\":[\"linux\"]}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(SimHttp.json(again).path("message").asString()).contains("same");
        assertThat(SimHttp.json(again).has("documentation_url")).isTrue();
    }

    @Test
    void invalidJitBodiesAreUnprocessable() {
        String path = REPO + "/actions/runners/generate-jitconfig";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"l").append(i).append('"');
        }
        assertThat(http.post(path, "{\"runner_group_id\":1,\"labels\":[\"a\"]}").statusCode()).isEqualTo(422);
        assertThat(http.post(path, "{\"name\":\"x\",\"runner_group_id\":1,\"labels\":[]}").statusCode()).isEqualTo(422);
        assertThat(http.post(path, "{\"name\":\"x\",\"runner_group_id\":1}").statusCode()).isEqualTo(422);
        assertThat(http.post(path, "{\"name\":\"x\",\"labels\":[\"a\"]}").statusCode()).isEqualTo(422);
        assertThat(http.post(path, "{\"name\":\"x\",\"runner_group_id\":1,\"labels\":[" + many + "]}").statusCode())
                .isEqualTo(422);
        assertThat(http.post(path, "{not json").statusCode()).isEqualTo(400);
        assertThat(SimHttp.json(http.get(REPO + "/actions/runners")).path("total_count").asInt()).isZero();
    }

    @Test
    void unknownRepositoryOrganisationRunnerAndPathAreNotFound() {
        for (String path : List.of("/repos/acme/nope/actions/runners", "/orgs/nope/actions/runners",
                REPO + "/actions/runners/4242", REPO + "/actions/runners/abc", "/repos/acme/app/nothing")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(SimHttp.json(response).path("message").asString()).isEqualTo("Not Found");
        }
    }

    @Test
    void missingOrWrongTokenIsUnauthorized() {
        HttpResponse<String> wrong = http.withToken("ghp_wrong").get(REPO + "/actions/runners");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(SimHttp.json(wrong).path("message").asString()).isEqualTo("Bad credentials");
        HttpResponse<String> none = http.withToken(null).get(REPO + "/actions/runners");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("x-ratelimit-limit")).isPresent();
    }

    @Test
    void deleteRemovesRunnerThenItIsNotFound() {
        long id = http.generateJit(REPO, "doomed", "linux").path("runner").path("id").asLong();
        assertThat(http.delete(REPO + "/actions/runners/" + id).statusCode()).isEqualTo(204);
        assertThat(http.delete(REPO + "/actions/runners/" + id).statusCode()).isEqualTo(404);
        assertThat(http.get(REPO + "/actions/runners/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteOfBusyRunnerIsRefused() {
        ProtocolClient protocol = new ProtocolClient(http);
        long id = protocol.jitRunner(REPO, "busy-one", "linux");
        sim.enqueue(Workload.jobs("acme/app", 1).labels("linux"));
        long job = protocol.acquireJob(id);

        HttpResponse<String> refused = http.delete(REPO + "/actions/runners/" + id);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(SimHttp.json(http.get(REPO + "/actions/runners/" + id)).path("busy").asBoolean()).isTrue();

        protocol.complete(id, job, "success");
        assertThat(http.get(REPO + "/actions/runners/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void registrationAndRemoveTokensAreCreatedValidForOneHour() {
        for (String kind : List.of("registration-token", "remove-token")) {
            HttpResponse<String> response = http.post(REPO + "/actions/runners/" + kind, "");
            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = SimHttp.json(response);
            assertThat(body.path("token").asString()).hasSize(29);
            Instant expires = Instant.parse(body.path("expires_at").asString());
            assertThat(expires).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));
            assertThat(body.path("expires_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
        assertThat(http.post("/orgs/acme/actions/runners/registration-token", "").statusCode()).isEqualTo(201);
    }

    @Test
    void organisationHasTheDefaultRunnerGroupAndItsRepositories() {
        JsonNode groups = SimHttp.json(http.get("/orgs/acme/actions/runner-groups"));
        assertThat(groups.path("total_count").asInt()).isEqualTo(1);
        assertThat(groups.path("runner_groups").get(0).path("default").asBoolean()).isTrue();
        JsonNode repos = SimHttp.json(http.get("/orgs/acme/repos"));
        assertThat(repos.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        repos.forEach(repo -> names.add(repo.path("full_name").asString()));
        assertThat(names).containsExactly("acme/app", "acme/api");
        assertThat(http.get("/orgs/other/repos").statusCode()).isEqualTo(404);
    }

    private static List<String> names(HttpResponse<String> response) {
        List<String> names = new ArrayList<>();
        SimHttp.json(response).path("runners").forEach(runner -> names.add(runner.path("name").asString()));
        return names;
    }
}
