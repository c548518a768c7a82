package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.testkit.TestKeys;
import io.runnerorchestrator.testkit.MutableClock;
import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.SimRunnerBackend;
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
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core scales up as a GitHub App installation: the real client and reconciler, the simulator
 * checking JWTs and tokens, its in-process runners as the backend. An hour of GitHub time passes
 * between two bursts (a clock GitHub and the credentials share), so the second burst is served
 * with a fresh installation token.
 */
class GitHubAppScaleUpTest {

    private static final String APP_ID = "Iv23liSimulatedApp";
    private static final GitHubScope SCOPE = GitHubScope.ofRepository("acme/app");
    private static final String ACCESS_TOKENS = "POST /app/installations/{installation_id}/access_tokens";

    private final KeyPair key = TestKeys.rsa(2048);
    private final MutableClock gitHubTime = new MutableClock(Instant.now());
    private final Clock clock = Clock.systemUTC();
    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token("ghp_unused")
            .repository("acme/app").clock(gitHubTime).githubApp(APP_ID, key.getPublic()).build());
    private final SimRunnerBackend backend = new SimRunnerBackend();
    private final Reconciler reconciler = reconciler();

    @AfterEach
    void close() {
        backend.close();
        sim.close();
    }

    @Test
    void burstsAreServedAcrossATokenRefresh() {
        serve(3, 3);
        assertThat(count(ACCESS_TOKENS, 201)).isEqualTo(1);

        // no runner is alive, so moving GitHub's clock only ages the token
        gitHubTime.advance(Duration.ofMinutes(56));
        serve(4, 7);

        assertThat(count(ACCESS_TOKENS, 201)).as("a second installation token").isEqualTo(2);
        assertThat(count("GET /repos/{owner}/{repo}/installation", 200)).as("the id is looked up once").isEqualTo(1);
        assertThat(sim.state().requests().byEndpointStatus().values()).as("no request refused")
                .allSatisfy(statuses -> assertThat(statuses).doesNotContainKey(401));
        assertThat(sim.state().jobsWithStatus("completed")).hasSize(7)
                .extracting(SimState.Job::conclusion).containsOnly("success");
    }

    private void serve(int jobs, int completedInAll) {
        sim.enqueue(Workload.jobs("acme/app", jobs).labels("self-hosted", "docker").duration(Duration.ofMillis(200)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ReconcileSnapshot snapshot = reconciler.reconcileOnce();
            assertThat(snapshot.problem()).isEmpty();
            return sim.state().jobsWithStatus("completed").size() == completedInAll;
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            reconciler.reconcileOnce();
            return backend.live() == 0 && sim.state().runners().isEmpty();
        });
    }

    private Reconciler reconciler() {
        GitHubApiSettings api = GitHubApiSettings.defaults(URI.create(sim.apiUrl()), SCOPE);
        GitHubAppSettings app = new GitHubAppSettings(APP_ID, Optional.empty(),
                AppPrivateKey.fromPem(TestKeys.pkcs1Pem(key), "GITHUB_APP_PRIVATE_KEY"));
        HttpGitHub github = new HttpGitHub(api, new GitHubAppCredentials(app, api, GitHubRequestListener.NOOP, gitHubTime),
                GitHubRequestListener.NOOP, clock);
        RunnerSettings runners = new RunnerSettings("ghapp-test", List.of("docker"), RunnerSettings.RegistrationMode.JIT,
                1, List.of(), "_work", SCOPE, sim.baseUrl());
        ScalingSettings scaling = new ScalingSettings(0, 4, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        return new Reconciler(scaling, runners, github, backend, new LocalCoordinator(clock), OrchestratorMetrics.NOOP, clock);
    }

    private long count(String endpoint, int status) {
        return sim.state().requests().count(endpoint, status);
    }
}
