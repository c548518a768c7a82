package io.runnerorchestrator.demo;

import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The workload queues its bursts into a real simulator, with the orchestrator's labels, until stopped. */
class DemoWorkloadTest {

    private static final String REPO = "octo-org/octo-repo";
    private static final List<String> LABELS = List.of("self-hosted", "linux", "x64");

    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token("ghp_workloadTest")
            .repository(REPO).build());
    private final DemoWorkload workload = new DemoWorkload(sim, REPO, LABELS,
            new BurstPlan(BurstPlan.SEED, Optional.of(Duration.ofSeconds(1))));

    @AfterEach
    void stop() {
        workload.stop();
        sim.close();
    }

    @Test
    void burstsOfQueuedJobsArriveAtTheSimulatorUntilTheWorkloadStops() {
        workload.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> runsQueued() >= 2);
        assertThat(sim.state().jobs()).allSatisfy(job -> {
            assertThat(job.repository()).isEqualTo(REPO);
            assertThat(job.labels()).containsExactlyElementsOf(LABELS);
            assertThat(job.status()).isEqualTo("queued");
        });

        workload.stop();
        int jobs = sim.state().jobs().size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> sim.state().jobs().size() == jobs);
    }

    private long runsQueued() {
        return sim.state().jobs().stream().map(SimState.Job::runId).distinct().count();
    }
}
