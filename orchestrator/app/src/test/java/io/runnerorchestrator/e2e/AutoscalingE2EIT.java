package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.model.HostConfig;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool follows the queue: up from MIN for a burst, never past MAX, back to MIN when idle, and
 * nothing for jobs it does not serve. One orchestrator (JIT mode, no Docker access) serves every
 * test of this class, each starting and ending with the pool settled at MIN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoscalingE2EIT {

    private static final int MIN = 0;
    private static final int MAX = 3;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private OrchestratorHarness harness;
    private PoolChecks pool;
    private ContainerWatch watch;

    @BeforeAll
    void startOrchestrator() {
        harness = OrchestratorHarness.create("autoscale");
        pool = new PoolChecks(harness);
        harness.startOrchestrator(Map.of("MIN_RUNNERS", String.valueOf(MIN), "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_RUNNER_MODE", "jit", "ORCHESTRATOR_RUNNER_DOCKER", "none"));
    }

    @BeforeEach
    void startFromMin() {
        pool.awaitSettledAt(MIN, SETTLE);
        watch = harness.newWatch();
    }

    @AfterEach
    void stopWatching() throws IOException {
        watch.close();
    }

    @AfterAll
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void growsForABurstWithinMaxAndShrinksBackToMin() {
        Instant queued = Instant.now();
        List<Long> jobs = harness.enqueue(8, Duration.ofSeconds(3), "self-hosted", "linux");

        String runner = await("a runner for the burst").atMost(SETTLE)
                .until(() -> harness.docker().running(harness.instanceId()), names -> !names.isEmpty()).get(0);
        HostConfig host = harness.docker().inspect(runner).getHostConfig();
        await("every job of the burst completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        pool.awaitSettledAt(MIN, SETTLE);

        assertThat(SimJobs.notSuccessful(harness.sim().state())).as("jobs failed or cancelled").isEmpty();
        assertThat(watch.maxRunning()).as("most runner containers running at once").isEqualTo(MAX);
        assertThat(host.getNetworkMode()).isEqualTo("host");
        assertThat(host.getPrivileged()).as("privileged (ORCHESTRATOR_RUNNER_DOCKER=none)").isFalse();
        assertThat(host.getBinds()).as("mounts (ORCHESTRATOR_RUNNER_DOCKER=none)").isNullOrEmpty();
        assertThat(host.getNanoCPUs()).as("CPU limit (sized from the host)").isPositive();
        assertThat(host.getMemory()).as("memory limit (sized from the host)").isPositive();
        assertThat(host.getPidsLimit()).as("pids limit (default)").isEqualTo(4096L);
        report(queued, jobs);
    }

    @Test
    void runsAMatrixWithMoreJobsThanMax() {
        List<Long> jobs = harness.sim().enqueue(Workload.jobs(OrchestratorHarness.REPO, 7)
                .labels("self-hosted").duration(Duration.ofSeconds(1)).matrix());

        await("every matrix job completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(harness.sim().state(), jobs));
        pool.awaitSettledAt(MIN, SETTLE);

        assertThat(SimJobs.notSuccessful(harness.sim().state())).isEmpty();
        assertThat(watch.maxRunning()).isLessThanOrEqualTo(MAX);
        assertThat(watch.created()).as("one runner per job at least").hasSizeGreaterThanOrEqualTo(jobs.size());
    }

    @Test
    void startsNoRunnerForAJobWhoseLabelsItDoesNotServe() {
        List<Long> jobs = harness.enqueue(2, Duration.ofSeconds(1), "self-hosted", "gpu");

        pool.awaitPasses(4, SETTLE);

        assertThat(watch.created()).as("containers created").isEmpty();
        assertThat(harness.docker().containers(harness.instanceId())).isEmpty();
        assertThat(watch.samples()).as("the sampler ran").isPositive();
        assertThat(watch.maxRunning()).isZero();
        assertThat(SimJobs.of(harness.sim().state(), jobs)).allSatisfy(job -> assertThat(job.status()).isEqualTo("queued"));
    }

    private void report(Instant queued, List<Long> jobs) {
        List<Duration> waits = SimJobs.waits(harness.sim().state(), jobs);
        Duration firstStart = watch.startedAt().values().stream().min(Instant::compareTo)
                .map(at -> Duration.between(queued, at)).orElseThrow();
        System.out.printf("e2e.measure test=burst jobs=%d queued_to_first_container_start_ms=%d"
                        + " job_wait_median_ms=%d job_wait_max_ms=%d containers_created=%d%n", jobs.size(),
                firstStart.toMillis(), waits.get(waits.size() / 2).toMillis(), waits.get(waits.size() - 1).toMillis(),
                watch.created().size());
    }
}
