package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowRunsTest {
    private static final String REPO = "/repos/acme/app";

    private GitHubSimulator sim;
    private SimHttp http;
    private ProtocolClient protocol;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app").build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
        protocol = new ProtocolClient(http);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void matrixRunFollowsItsJobsFromQueuedToCompleted() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 2).labels("self-hosted", "linux").matrix());
        long runId = sim.state().job(jobs.get(0)).orElseThrow().runId();
        assertThat(sim.state().job(jobs.get(1)).orElseThrow().runId()).isEqualTo(runId);
        assertThat(run(runId).path("status").asString()).isEqualTo("queued");
        assertThat(runIds("queued")).containsExactly(runId);

        long r1 = protocol.jitRunner(REPO, "r1", "linux");
        long firstJob = protocol.acquireJob(r1);
        assertThat(run(runId).path("status").asString()).isEqualTo("in_progress");
        assertThat(runIds("queued")).isEmpty();
        assertThat(runIds("in_progress")).containsExactly(runId);
        JsonNode jobsOfRun = SimHttp.json(http.get(REPO + "/actions/runs/" + runId + "/jobs?filter=latest"));
        assertThat(statuses(jobsOfRun)).containsExactly("in_progress", "queued");

        protocol.complete(r1, firstJob, "success");
        assertThat(run(runId).path("status").asString()).isEqualTo("in_progress");

        long r2 = protocol.jitRunner(REPO, "r2", "linux");
        long secondJob = protocol.acquireJob(r2);
        protocol.complete(r2, secondJob, "failure");
        JsonNode done = run(runId);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("conclusion").asString()).isEqualTo("failure");
        assertThat(runIds("completed")).containsExactly(runId);
        assertThat(runIds("failure")).containsExactly(runId);
    }

    @Test
    void runAndJobCarryGitHubFields() {
        long jobId = sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "linux")).get(0);
        JsonNode runs = SimHttp.json(http.get(REPO + "/actions/runs?status=queued"));
        assertThat(runs.path("total_count").asInt()).isEqualTo(1);
        JsonNode run = runs.path("workflow_runs").get(0);
        assertThat(run.path("run_attempt").asInt()).isEqualTo(1);
        assertThat(run.path("conclusion").isNull()).isTrue();
        assertThat(run.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(run.path("repository").path("full_name").asString()).isEqualTo("acme/app");
        JsonNode jobs = SimHttp.json(http.get(run.path("jobs_url").asString()));
        JsonNode job = jobs.path("jobs").get(0);
        assertThat(job.path("id").asLong()).isEqualTo(jobId);
        assertThat(job.path("run_id").asLong()).isEqualTo(run.path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("queued");
        assertThat(job.path("labels").toString()).isEqualTo("[\"self-hosted\",\"linux\"]");
        assertThat(job.path("runner_id").isNull()).isTrue();
        assertThat(job.path("runner_name").isNull()).isTrue();
        assertThat(job.path("completed_at").isNull()).isTrue();

        long runner = protocol.jitRunner(REPO, "r1", "linux");
        protocol.acquireJob(runner);
        JsonNode started = SimHttp.json(http.get(REPO + "/actions/jobs/" + jobId));
        assertThat(started.path("status").asString()).isEqualTo("in_progress");
        assertThat(started.path("runner_id").asLong()).isEqualTo(runner);
        assertThat(started.path("runner_name").asString()).isEqualTo("r1");
        assertThat(started.path("runner_group_name").asString()).isEqualTo("Default");
        assertThat(http.get(REPO + "/actions/jobs/999").statusCode()).isEqualTo(404);
    }

    @Test
    void separateRunsAreListedNewestFirst() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 3));
        List<Long> expected = new ArrayList<>();
        jobs.forEach(job -> expected.add(0, sim.state().job(job).orElseThrow().runId()));
        assertThat(runIds("queued")).containsExactlyElementsOf(expected);
    }

    private JsonNode run(long runId) {
        return SimHttp.json(http.get(REPO + "/actions/runs/" + runId));
    }

    private List<Long> runIds(String status) {
        List<Long> ids = new ArrayList<>();
        SimHttp.json(http.get(REPO + "/actions/runs?status=" + status)).path("workflow_runs")
                .forEach(run -> ids.add(run.path("id").asLong()));
        return ids;
    }

    private static List<String> statuses(JsonNode jobs) {
        List<String> statuses = new ArrayList<>();
        jobs.path("jobs").forEach(job -> statuses.add(job.path("status").asString()));
        return statuses;
    }
}
