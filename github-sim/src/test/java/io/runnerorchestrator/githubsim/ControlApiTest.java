package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ControlApiTest {
    private GitHubSimulator sim;
    private SimHttp control;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app").build());
        control = new SimHttp(sim.baseUrl(), null);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void queuesJobsAndShowsThemInState() {
        HttpResponse<String> created = control.post("/_sim/jobs", "{\"repository\":\"acme/app\",\"count\":3,"
                + "\"labels\":[\"self-hosted\",\"linux\"],\"duration_ms\":2000,\"matrix\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode ids = SimHttp.json(created);
        assertThat(ids.path("run_ids").size()).isEqualTo(1);
        assertThat(ids.path("job_ids").size()).isEqualTo(3);

        JsonNode state = SimHttp.json(control.get("/_sim/state"));
        JsonNode job = state.path("jobs").get(0);
        assertThat(job.path("id").asLong()).isEqualTo(ids.path("job_ids").get(0).asLong());
        assertThat(job.path("run_id").asLong()).isEqualTo(ids.path("run_ids").get(0).asLong());
        assertThat(job.path("repository").asString()).isEqualTo("acme/app");
        assertThat(job.path("status").asString()).isEqualTo("queued");
        assertThat(job.path("labels").toString()).isEqualTo("[\"self-hosted\",\"linux\"]");
        assertThat(job.path("queued_at").asString()).isNotEmpty();
        assertThat(job.path("started_at").isNull()).isTrue();
        assertThat(job.path("runner_name").isNull()).isTrue();
        assertThat(state.path("requests").path("total").asLong()).isZero();
    }

    @Test
    void stateListsRunnersAndCountsRequestsByEndpoint() {
        SimHttp api = control.withToken("ghp_test");
        api.generateJit("/repos/acme/app", "r1", "gpu");
        api.get("/repos/acme/app/actions/runners");
        JsonNode state = SimHttp.json(control.get("/_sim/state"));
        JsonNode runner = state.path("runners").get(0);
        assertThat(runner.path("name").asString()).isEqualTo("r1");
        assertThat(runner.path("status").asString()).isEqualTo("offline");
        assertThat(runner.path("busy").asBoolean(true)).isFalse();
        assertThat(runner.path("ephemeral").asBoolean()).isTrue();
        assertThat(runner.path("labels").toString()).isEqualTo("[\"self-hosted\",\"Linux\",\"X64\",\"gpu\"]");
        JsonNode requests = state.path("requests");
        assertThat(requests.path("total").asLong()).isEqualTo(2);
        assertThat(requests.path("counted").asLong()).isEqualTo(2);
        assertThat(requests.path("by_endpoint").path("GET /repos/{owner}/{repo}/actions/runners").asLong()).isEqualTo(1);
        assertThat(requests.path("by_endpoint").path("POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig")
                .asLong()).isEqualTo(1);
    }

    @Test
    void faultsAreSetAndClearedOverHttp() {
        SimHttp api = control.withToken("ghp_test");
        assertThat(control.post("/_sim/faults", "{\"type\":\"server_error\",\"count\":5}").statusCode()).isEqualTo(204);
        assertThat(api.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(502);
        assertThat(control.delete("/_sim/faults").statusCode()).isEqualTo(204);
        assertThat(api.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(200);

        assertThat(control.post("/_sim/faults", "{\"type\":\"rate_limit\",\"seconds\":60}").statusCode()).isEqualTo(204);
        assertThat(api.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(403);
        control.delete("/_sim/faults");
        assertThat(control.post("/_sim/faults", "{\"type\":\"slow\",\"delay_ms\":1,\"count\":1}").statusCode())
                .isEqualTo(204);
        assertThat(api.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(200);
    }

    @Test
    void badControlInputIsNamedInA422() {
        HttpResponse<String> unknownFault = control.post("/_sim/faults", "{\"type\":\"meteor\"}");
        assertThat(unknownFault.statusCode()).isEqualTo(422);
        assertThat(SimHttp.json(unknownFault).path("message").asString()).contains("meteor");
        assertThat(control.post("/_sim/jobs", "{\"count\":1}").statusCode()).isEqualTo(422);
        assertThat(control.post("/_sim/jobs", "{\"repository\":\"acme/app\",\"count\":0}").statusCode()).isEqualTo(422);
        assertThat(control.post("/_sim/jobs", "{\"repository\":\"acme/nope\"}").statusCode()).isEqualTo(404);
        assertThat(control.post("/_sim/webhooks", "{\"url\":\"ftp://x\",\"secret\":\"s\"}").statusCode()).isEqualTo(422);
    }
}
