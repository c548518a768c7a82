package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Actions service of runner scale sets over real HTTP, as a scale-set client drives it: admin
 * connection from a registration token, scale set, session, long poll, acquire, JIT runner, job done.
 */
class ScaleSetServiceTest {
    private static final String VERSION = "?api-version=6.0-preview";
    private static final String SET_NAME = "docker-set";

    private GitHubSimulator sim;
    private SimHttp rest;
    private SimulatedRunners runners;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .messagePollWait(Duration.ofMillis(500)).build());
        rest = new SimHttp(sim.baseUrl(), "ghp_test");
        runners = new SimulatedRunners();
    }

    @AfterEach
    void stop() {
        runners.close();
        sim.close();
    }

    /** The admin connection: {url, token} of the Actions service. */
    private Admin connect() {
        String token = SimHttp.json(rest.post("/repos/acme/app/actions/runners/registration-token", "{}"))
                .path("token").asString();
        SimHttp anonymous = rest.withToken(null);
        HttpResponse<String> answer = anonymous.send(anonymous.request("/actions/runner-registration",
                        "Authorization", "RemoteAuth " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + sim.baseUrl()
                        + "/acme/app\",\"runner_event\":\"register\"}")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = SimHttp.json(answer);
        assertThat(body.path("token").asString().split("\\.")).as("a JWT").hasSize(3);
        return new Admin(rest.withToken(body.path("token").asString()), body.path("url").asString());
    }

    private record Admin(SimHttp http, String url) {
        HttpResponse<String> get(String path) {
            return http.get(url + path);
        }

        HttpResponse<String> post(String path, String json) {
            return http.post(url + path, json);
        }

        HttpResponse<String> delete(String path) {
            return http.delete(url + path);
        }

        long createSet() {
            HttpResponse<String> created = post("_apis/runtime/runnerscalesets" + VERSION, "{\"name\":\"" + SET_NAME
                    + "\",\"runnerGroupId\":1,\"labels\":[{\"name\":\"" + SET_NAME + "\",\"type\":\"System\"}],"
                    + "\"RunnerSetting\":{\"disableUpdate\":true}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            return SimHttp.json(created).path("id").asLong();
        }

        JsonNode session(long setId) {
            HttpResponse<String> session = post("_apis/runtime/runnerscalesets/" + setId + "/sessions" + VERSION,
                    "{\"ownerName\":\"test\"}");
            assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
            return SimHttp.json(session);
        }
    }

    /** One long poll of the session's queue. */
    private HttpResponse<String> poll(JsonNode session, long lastMessageId) {
        String url = session.path("messageQueueUrl").asString() + (lastMessageId > 0 ? "?lastMessageId=" + lastMessageId : "");
        return rest.withToken(session.path("messageQueueAccessToken").asString()).get(url,
                "Accept", "application/json; api-version=6.0-preview", "X-ScaleSetMaxCapacity", "4");
    }

    /** Polls until messages of these types came (acknowledging each), returns their items. */
    private List<JsonNode> receive(JsonNode session, String... types) {
        List<JsonNode> items = new ArrayList<>();
        long[] last = {0};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> answer = poll(session, last[0]);
            if (answer.statusCode() == 200) {
                JsonNode message = SimHttp.json(answer);
                last[0] = message.path("messageId").asLong();
                SimHttp.JSON.readTree(message.path("body").asString()).forEach(items::add);
                rest.withToken(session.path("messageQueueAccessToken").asString())
                        .delete(session.path("messageQueueUrl").asString() + "/" + last[0]);
            }
            List<String> seen = items.stream().map(item -> item.path("messageType").asString()).toList();
            return seen.containsAll(List.of(types));
        });
        return items;
    }

    @Test
    void aJobIsOfferedAcquiredRunOnAJitRunnerOfTheSetAndReported() {
        Admin admin = connect();
        JsonNode groups = SimHttp.json(admin.get("_apis/runtime/runnergroups/" + VERSION + "&groupName=Default"));
        assertThat(groups.path("value").get(0).path("id").asLong()).isEqualTo(1);
        long setId = admin.createSet();
        JsonNode session = admin.session(setId);
        assertThat(poll(session, 0).statusCode()).as("nothing queued: 202 after the wait").isEqualTo(202);

        long jobId = sim.enqueue(Workload.jobs("acme/app", 1).labels(SET_NAME).duration(Duration.ofMillis(200))).get(0);
        JsonNode available = receive(session, "JobAvailable").get(0);
        assertThat(available.path("runnerRequestId").asLong()).isEqualTo(jobId);
        assertThat(available.path("requestLabels").get(0).asString()).isEqualTo(SET_NAME);

        JsonNode jit = SimHttp.json(admin.post("_apis/runtime/runnerscalesets/" + setId + "/generatejitconfig" + VERSION,
                "{\"name\":\"set-runner-1\",\"workFolder\":\"_work\"}"));
        runners.start(jit.path("encodedJITConfig").asString());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> sim.state().job(jobId).orElseThrow().status().equals("queued"));

        HttpResponse<String> acquired = rest.withToken(session.path("messageQueueAccessToken").asString())
                .post(available.path("acquireJobUrl").asString() + VERSION, "[" + jobId + "]");
        assertThat(SimHttp.json(acquired).path("value").get(0).asLong()).isEqualTo(jobId);
        List<JsonNode> reported = receive(session, "JobAssigned", "JobStarted", "JobCompleted");

        JsonNode completed = reported.stream().filter(item -> item.path("messageType").asString().equals("JobCompleted"))
                .findFirst().orElseThrow();
        assertThat(completed.path("runnerName").asString()).isEqualTo("set-runner-1");
        assertThat(completed.path("result").asString()).isEqualTo("succeeded");
        assertThat(sim.state().job(jobId).orElseThrow().runnerName()).isEqualTo("set-runner-1");
        assertThat(sim.state().actionsRequests().count("POST /_apis/runtime/runnerscalesets/{id}/generatejitconfig"))
                .isEqualTo(1);
    }

    @Test
    void statisticsCountAssignedJobsAndAnUnacknowledgedMessageComesAgain() {
        Admin admin = connect();
        long setId = admin.createSet();
        JsonNode session = admin.session(setId);
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 3).labels(SET_NAME));

        HttpResponse<String> first = poll(session, 0);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(poll(session, 0).body()).as("not acknowledged: the same message again").isEqualTo(first.body());
        JsonNode message = SimHttp.json(first);
        assertThat(message.path("statistics").path("totalAvailableJobs").asInt()).isEqualTo(3);
        assertThat(message.path("statistics").path("totalAssignedJobs").asInt()).isZero();

        rest.withToken(session.path("messageQueueAccessToken").asString()).post(admin.url()
                + "_apis/runtime/runnerscalesets/" + setId + "/acquirejobs" + VERSION, "[" + jobs.get(0) + "," + jobs.get(1) + "]");
        JsonNode set = SimHttp.json(admin.get("_apis/runtime/runnerscalesets/" + setId + VERSION));
        assertThat(set.path("statistics").path("totalAssignedJobs").asInt()).isEqualTo(2);
        assertThat(set.path("statistics").path("totalAvailableJobs").asInt()).isEqualTo(1);
    }

    @Test
    void oneSessionPerScaleSetUntilItIsDeletedOrExpires() {
        Admin admin = connect();
        long setId = admin.createSet();
        JsonNode session = admin.session(setId);

        HttpResponse<String> second = admin.post("_apis/runtime/runnerscalesets/" + setId + "/sessions" + VERSION, "{}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(SimHttp.json(second).path("typeName").asString()).contains("RunnerScaleSetSessionConflictException");

        assertThat(admin.delete("_apis/runtime/runnerscalesets/" + setId + "/sessions/"
                + session.path("sessionId").asString() + VERSION).statusCode()).isEqualTo(204);
        JsonNode again = admin.session(setId);
        sim.expireScaleSetSessions();
        assertThat(poll(again, 0).statusCode()).as("the queue token of an expired session").isEqualTo(401);
        admin.session(setId);
    }

    @Test
    void aScaleSetDeletedOnGitHubsSideIsNotFoundAndCanBeCreatedAgain() {
        Admin admin = connect();
        long setId = admin.createSet();
        sim.enqueue(Workload.jobs("acme/app", 1).labels(SET_NAME));

        assertThat(sim.deleteScaleSets()).isEqualTo(1);

        HttpResponse<String> gone = admin.post("_apis/runtime/runnerscalesets/" + setId + "/sessions" + VERSION, "{}");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(SimHttp.json(gone).path("typeName").asString()).contains("RunnerScaleSetNotFoundException");
        long again = admin.createSet();
        assertThat(receive(admin.session(again), "JobAvailable")).as("the waiting job is offered to the new set")
                .hasSize(1);
    }

    @Test
    void refusesExpiredAdminTokensAndCallsWithoutTheApiVersion() {
        Admin admin = connect();
        assertThat(admin.get("_apis/runtime/runnergroups/").statusCode()).isEqualTo(400);

        sim.expireActionsTokens();

        HttpResponse<String> refused = admin.get("_apis/runtime/runnergroups/" + VERSION);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(connect().get("_apis/runtime/runnergroups/" + VERSION).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleRunnerIsRemovedThroughTheAgentsEndpoint() {
        Admin admin = connect();
        long setId = admin.createSet();
        JsonNode jit = SimHttp.json(admin.post("_apis/runtime/runnerscalesets/" + setId + "/generatejitconfig" + VERSION,
                "{\"name\":\"set-runner-2\"}"));
        long runnerId = jit.path("runner").path("id").asLong();
        JsonNode found = SimHttp.json(admin.get("_apis/distributedtask/pools/0/agents" + VERSION + "&agentName=set-runner-2"));
        assertThat(found.path("value").get(0).path("id").asLong()).isEqualTo(runnerId);

        assertThat(admin.delete("_apis/distributedtask/pools/0/agents/" + runnerId + VERSION).statusCode()).isEqualTo(204);
        HttpResponse<String> again = admin.get("_apis/distributedtask/pools/0/agents/" + runnerId + VERSION);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(SimHttp.json(again).path("typeName").asString()).contains("AgentNotFoundException");
        assertThat(URI.create(admin.url()).getPath()).isEqualTo("/_actions/");
    }
}
