package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core over real HTTP: the GitHub client against the simulator, and the simulator's in-process
 * runners (JIT, ephemeral) as the backend. A burst of jobs is served and the pool returns to MIN.
 */
class ReconcilerWithSimulatorTest {
    private static final int MAX = 4;
    private static final String PREFIX = "ro-test";
    private static final RunnerSettings RUNNERS = new RunnerSettings(PREFIX, List.of("docker"),
            RunnerSettings.RegistrationMode.JIT, 1, List.of(), "_work", GitHubScope.ofRepository("acme/app"),
            "https://github.com");

    private final Clock clock = Clock.systemUTC();
    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().host("127.0.0.1").port(0)
            .token("ghp_core_test").repository("acme/app").offlineAfter(Duration.ofSeconds(5)).build());
    private final SimRunnerBackend backend = new SimRunnerBackend();
    private final HttpGitHub github = new HttpGitHub(
            GitHubApiSettings.defaults(URI.create(sim.baseUrl()), GitHubScope.ofRepository("acme/app")),
            new PersonalAccessToken("ghp_core_test"), GitHubRequestListener.NOOP, clock);
    private final Reconciler reconciler = new Reconciler(
            new ScalingSettings(1, MAX, 2, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30)),
            RUNNERS, github, backend, new LocalCoordinator(clock), OrchestratorMetrics.NOOP, clock);

    @AfterEach
    void close() {
        backend.close();
        sim.close();
    }

    @Test
    void aBurstIsServedWithinMaxAndThePoolReturnsToMin() {
        List<Long> jobs = sim.enqueue(Workload.jobs("acme/app", 7).labels("self-hosted", "docker")
                .duration(Duration.ofMillis(300)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ReconcileSnapshot snapshot = reconciler.reconcileOnce();
            assertThat(snapshot.problem()).isEmpty();
            assertThat(backend.live()).as("never above MAX").isLessThanOrEqualTo(MAX);
            assertThat(snapshot.counts().total()).isLessThanOrEqualTo(MAX);
            return sim.state().jobsWithStatus("completed").size() == jobs.size();
        });

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ReconcileSnapshot snapshot = reconciler.reconcileOnce();
            return snapshot.counts().total() == 1 && snapshot.counts().idle() == 1 && backend.live() == 1;
        });
        SimState state = sim.state();
        assertThat(state.jobsWithStatus("completed")).extracting(SimState.Job::conclusion).containsOnly("success");
        assertThat(state.runners()).as("only the MIN runner stays registered").singleElement()
                .satisfies(r -> assertThat(r.name()).startsWith(PREFIX + "-"));
    }
}
