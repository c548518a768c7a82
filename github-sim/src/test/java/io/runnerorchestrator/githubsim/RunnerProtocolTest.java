package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RunnerProtocolTest {
    private static final String REPO = "/repos/acme/app";
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private GitHubSimulator sim;
    private SimHttp http;
    private ProtocolClient protocol;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .repository("acme/api").offlineAfter(OFFLINE_AFTER).clock(clock).build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
        protocol = new ProtocolClient(http);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void connectedJitRunnerIsOnline() {
        JsonNode jit = http.generateJit(REPO, "r1", "linux");
        long id = jit.path("runner").path("id").asLong();
        assertThat(runnerJson(id).path("status").asString()).isEqualTo("offline");
        assertThat(protocol.connectJit(jit.path("encoded_jit_config").asString())).isEqualTo(id);
        assertThat(runnerJson(id).path("status").asString()).isEqualTo("online");
    }

    @Test
    void forgedJitConfigIsRefused() {
        http.generateJit(REPO, "r1", "linux");
        String forged = java.util.Base64.getEncoder().encodeToString(
                "{\"url\":\"x\",\"runner_id\":1,\"name\":\"r1\",\"credential\":\"guess\"}".getBytes());
        assertThat(http.post("/_sim/runner/connect", "{\"jit_config\":\"" + forged + "\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void runnerTakesOldestMatchingJobWithLabelsComparedIgnoringCase() {
        List<Long> gpu = sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "GPU"));
        List<Long> first = sim.enqueue(Workload.jobs("acme/app", 1).labels("Self-Hosted", "LINUX"));
        List<Long> second = sim.enqueue(Workload.jobs("acme/app", 1).labels("linux"));
        long runner = protocol.jitRunner(REPO, "r1", "linux");

        assertThat(protocol.acquireJob(runner)).isEqualTo(first.get(0));
        protocol.complete(runner, first.get(0), "success");

        long other = protocol.jitRunner(REPO, "r2", "Linux");
        assertThat(protocol.acquireJob(other)).isEqualTo(second.get(0));
        assertThat(sim.state().job(gpu.get(0)).orElseThrow().status()).isEqualTo("queued");
    }

    @Test
    void repositoryRunnerIgnoresOtherRepositoriesAndOrganisationRunnerTakesThem() {
        List<Long> apiJob = sim.enqueue(Workload.jobs("acme/api", 1));
        long repoRunner = protocol.jitRunner(REPO, "repo-runner", "linux");
        assertThat(protocol.acquire(repoRunner, 0).statusCode()).isEqualTo(204);
        long orgRunner = protocol.jitRunner("/orgs/acme", "org-runner", "linux");
        assertThat(protocol.acquireJob(orgRunner)).isEqualTo(apiJob.get(0));
    }

    @Test
    void waitingRunnerGetsJobQueuedWhileItPolls() {
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> protocol.acquire(runner, 30));
        await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(runnerJson(runner).path("status").asString()));
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 1).duration(Duration.ofMillis(1500)));

        HttpResponse<String> answer = poll.join();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(answer).path("job_id").asLong()).isEqualTo(jobs.get(0));
        assertThat(SimHttp.json(answer).path("duration_ms").asLong()).isEqualTo(1500);
        SimState.Job job = sim.state().job(jobs.get(0)).orElseThrow();
        assertThat(job.status()).isEqualTo("in_progress");
        assertThat(job.runnerName()).isEqualTo("r1");
        assertThat(runnerJson(runner).path("busy").asBoolean()).isTrue();
    }

    @Test
    void pollingRunnerThatIsDeletedIsToldItIsGone() {
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> protocol.acquire(runner, 30));
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.state().runner("r1").orElseThrow().status()
                .equals("online"));
        assertThat(http.delete(REPO + "/actions/runners/" + runner).statusCode()).isEqualTo(204);
        assertThat(poll.join().statusCode()).isEqualTo(404);
    }

    @Test
    void disconnectEndsThePollAndTheRunnerIsOfflineAtOnce() {
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> protocol.acquire(runner, 30));
        await().atMost(Duration.ofSeconds(10)).until(() -> "online".equals(runnerJson(runner).path("status").asString()));

        assertThat(http.post("/_sim/runner/" + runner + "/disconnect", "").statusCode()).isEqualTo(204);
        assertThat(poll.join().statusCode()).isEqualTo(204);
        assertThat(runnerJson(runner).path("status").asString()).isEqualTo("offline");
        long job = sim.enqueue(Workload.jobs("acme/app", 1)).get(0);
        assertThat(sim.state().job(job).orElseThrow().status()).isEqualTo("queued");
    }

    @Test
    void jobHandedToARunnerThatDisconnectsGoesBackToTheQueue() {
        long job = sim.enqueue(Workload.jobs("acme/app", 1)).get(0);
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        protocol.acquireJob(runner);
        http.post("/_sim/runner/" + runner + "/disconnect", "");
        SimState.Job requeued = sim.state().job(job).orElseThrow();
        assertThat(requeued.status()).isEqualTo("queued");
        assertThat(requeued.runnerName()).isNull();
        assertThat(protocol.acquireJob(protocol.jitRunner(REPO, "r2", "linux"))).isEqualTo(job);
    }

    @Test
    void silentRunnerGoesOfflineAndItsJobFails() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 1).duration(Duration.ofMinutes(5)));
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        protocol.acquireJob(runner);
        clock.advance(OFFLINE_AFTER.minusSeconds(1));
        assertThat(protocol.heartbeat(runner).statusCode()).isEqualTo(200);
        clock.advance(OFFLINE_AFTER.minusSeconds(1));
        assertThat(runnerJson(runner).path("status").asString()).isEqualTo("online");

        clock.advance(Duration.ofSeconds(2));
        JsonNode offline = runnerJson(runner);
        assertThat(offline.path("status").asString()).isEqualTo("offline");
        assertThat(offline.path("busy").asBoolean()).isFalse();
        SimState.Job job = sim.state().job(jobs.get(0)).orElseThrow();
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.conclusion()).isEqualTo("failure");
        assertThat(protocol.complete(runner, jobs.get(0), "success").statusCode()).isEqualTo(409);
    }

    @Test
    void ephemeralRunnerDisappearsAfterItsJob() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 1));
        long runner = protocol.jitRunner(REPO, "r1", "linux");
        long job = protocol.acquireJob(runner);
        HttpResponse<String> done = protocol.complete(runner, job, "success");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(http.get(REPO + "/actions/runners/" + runner).statusCode()).isEqualTo(404);
        SimState.Job finished = sim.state().job(jobs.get(0)).orElseThrow();
        assertThat(finished.conclusion()).isEqualTo("success");
        assertThat(finished.completedAt()).isNotNull();
        assertThat(protocol.acquire(runner, 0).statusCode()).isEqualTo(404);
    }

    @Test
    void tokenModeRegistersRunnerWithDefaultAndCustomLabels() {
        String token = SimHttp.json(http.post(REPO + "/actions/runners/registration-token", "")).path("token").asString();
        HttpResponse<String> connected = http.post("/_sim/runner/connect", "{\"token\":\"" + token
                + "\",\"name\":\"tok-1\",\"labels\":[\"gpu\"],\"url\":\"" + sim.baseUrl() + "/acme/app\",\"ephemeral\":false}");
        assertThat(connected.statusCode()).isEqualTo(200);
        long id = SimHttp.json(connected).path("runner_id").asLong();
        JsonNode runner = runnerJson(id);
        assertThat(runner.path("status").asString()).isEqualTo("online");
        assertThat(runner.path("ephemeral").asBoolean(true)).isFalse();
        assertThat(runner.path("labels").toString()).contains("\"self-hosted\"", "\"Linux\"", "\"X64\"", "\"gpu\"");

        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("gpu")).get(0);
        assertThat(protocol.acquireJob(id)).isEqualTo(job);
        protocol.complete(id, job, "success");
        assertThat(runnerJson(id).path("busy").asBoolean(true)).isFalse();
    }

    @Test
    void tokenModeRefusesUnknownExpiredOrForeignTokens() {
        String url = sim.baseUrl() + "/acme/app";
        assertThat(connectWithToken("AUNKNOWN", "x", url).statusCode()).isEqualTo(401);
        String token = SimHttp.json(http.post(REPO + "/actions/runners/registration-token", "")).path("token").asString();
        assertThat(connectWithToken(token, "x", sim.baseUrl() + "/acme/api").statusCode()).isEqualTo(404);
        clock.advance(Duration.ofMinutes(59));
        assertThat(connectWithToken(token, "in-time", url).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(connectWithToken(token, "too-late", url).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> connectWithToken(String token, String name, String url) {
        return http.post("/_sim/runner/connect",
                "{\"token\":\"" + token + "\",\"name\":\"" + name + "\",\"url\":\"" + url + "\"}");
    }

    private JsonNode runnerJson(long id) {
        return SimHttp.json(http.get(REPO + "/actions/runners/" + id));
    }
}
