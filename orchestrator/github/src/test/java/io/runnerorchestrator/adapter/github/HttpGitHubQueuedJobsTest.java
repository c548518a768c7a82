package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finding jobs that wait for a runner, in a repository and across an organisation. */
class HttpGitHubQueuedJobsTest {

    private final SimFixture fixture = new SimFixture("acme/app", "acme/api", "acme/web");

    @AfterEach
    void stopSimulator() {
        fixture.close();
    }

    @Test
    void findsQueuedJobsWithTheirRunsOnLabels() {
        List<Long> ids = fixture.sim.enqueue(Workload.jobs("acme/app", 3).labels("self-hosted", "linux"));

        List<QueuedJob> jobs = fixture.client(GitHubScope.ofRepository("acme/app")).listQueuedJobs();

        assertThat(jobs).extracting(QueuedJob::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.repository()).isEqualTo("acme/app");
            assertThat(job.labels()).containsExactly("self-hosted", "linux");
            assertThat(job.createdAt()).isNotNull();
        });
    }

    @Test
    void findsTheJobsStillWaitingInsideAStartedMatrixRun() {
        HttpGitHub github = fixture.client(GitHubScope.ofRepository("acme/app"));
        List<Long> ids = fixture.sim.enqueue(Workload.jobs("acme/app", 3).labels("self-hosted").matrix()
                .duration(Duration.ofMinutes(5)));
        SimRunnerProtocol runner = new SimRunnerProtocol(fixture.sim.baseUrl());
        long taken = runner.acquire(runner.connect(github.generateJitConfig(
                new JitRequest("runner-matrix", List.of("linux"), 1, null)).encodedJitConfig()));

        List<QueuedJob> jobs = github.listQueuedJobs();

        assertThat(fixture.sim.state().job(taken)).hasValueSatisfying(job -> assertThat(job.status()).isEqualTo("in_progress"));
        assertThat(jobs).extracting(QueuedJob::id)
                .containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> id != taken).toList());
        assertThat(jobs).extracting(QueuedJob::runId).containsOnly(fixture.sim.state().job(taken).orElseThrow().runId());
    }

    @Test
    void theScanNamesTheRunnerOfEachStartedJobUntilTheJobIsDone() {
        HttpGitHub github = fixture.client(GitHubScope.ofRepository("acme/app"));
        fixture.sim.enqueue(Workload.jobs("acme/app", 2).labels("self-hosted").matrix().duration(Duration.ofMinutes(5)));
        SimRunnerProtocol protocol = new SimRunnerProtocol(fixture.sim.baseUrl());
        long runner = protocol.connect(github.generateJitConfig(
                new JitRequest("runner-scan", List.of("linux"), 1, null)).encodedJitConfig());
        long taken = protocol.acquire(runner);

        QueueScan running = github.scanQueue();

        assertThat(running.running()).hasValue(Map.of("runner-scan", taken));
        assertThat(running.queued()).hasSize(1).noneMatch(job -> job.id() == taken);

        protocol.complete(runner, taken);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(github.scanQueue().running()).as("the run's updated_at moved: its jobs are read again")
                        .hasValue(Map.of()));
    }

    @Test
    void organisationScopeWalksEveryRepository() {
        List<Long> app = fixture.sim.enqueue(Workload.jobs("acme/app", 2));
        List<Long> api = fixture.sim.enqueue(Workload.jobs("acme/api", 1).labels("self-hosted", "arm64"));

        List<QueuedJob> jobs = fixture.client(GitHubScope.ofOrganization("acme")).listQueuedJobs();

        assertThat(jobs).extracting(QueuedJob::id).containsExactlyInAnyOrder(app.get(0), app.get(1), api.get(0));
        assertThat(jobs).filteredOn(job -> job.id() == api.get(0)).singleElement()
                .satisfies(job -> {
                    assertThat(job.repository()).isEqualTo("acme/api");
                    assertThat(job.labels()).containsExactly("self-hosted", "arm64");
                });
    }

    @Test
    void anUnchangedQueueCostsNothingOnTheNextPoll() {
        HttpGitHub github = fixture.client(GitHubScope.ofOrganization("acme"));
        fixture.sim.enqueue(Workload.jobs("acme/app", 2));
        fixture.sim.enqueue(Workload.jobs("acme/web", 1).matrix());
        List<QueuedJob> first = github.listQueuedJobs();
        SimState.Requests before = fixture.sim.state().requests();

        List<QueuedJob> second = github.listQueuedJobs();

        SimState.Requests after = fixture.sim.state().requests();
        assertThat(second).isEqualTo(first);
        assertThat(after.counted()).isEqualTo(before.counted());
        assertThat(after.notModified() - before.notModified()).isEqualTo(after.total() - before.total());
    }

    @Test
    void aNewJobShowsUpOnTheNextPoll() {
        HttpGitHub github = fixture.client(GitHubScope.ofRepository("acme/app"));
        fixture.sim.enqueue(Workload.jobs("acme/app", 1));
        assertThat(github.listQueuedJobs()).hasSize(1);

        List<Long> added = fixture.sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "big"));

        assertThat(github.listQueuedJobs()).hasSize(2).extracting(QueuedJob::id).contains(added.get(0));
    }
}
