package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitHub Enterprise Server: the REST API under {@code https://host/api/v3}, the web under
 * {@code https://host}. The simulator serves its API only below {@code /api/v3}, so a call that
 * loses the prefix or doubles a slash gets 404.
 */
class EnterpriseServerUrlTest {

    private static final String TOKEN = "ghp_enterpriseServerTest";

    private final GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository("acme/app")
            .repository("acme/tools").pathPrefix("/api/v3").build());
    private final SimRunnerBackend backend = new SimRunnerBackend();
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void close() {
        backend.close();
        sim.close();
    }

    @Test
    void apiUrlJoinsPathsWithoutLosingThePrefixOrDoublingSlashes() {
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create("https://ghe.example.com/api/v3//"),
                GitHubScope.ofOrganization("acme"));

        assertThat(new GitHubEndpoints(settings.apiUrl(), settings.scope()).listRunners().uri())
                .hasToString("https://ghe.example.com/api/v3/orgs/acme/actions/runners?per_page=100");
    }

    @Test
    void pagesAndJitConfigsGoThroughThePrefix() {
        HttpGitHub github = client(GitHubScope.ofRepository("acme/app"));
        sim.enqueue(Workload.jobs("acme/app", 120).labels("self-hosted"));
        for (int i = 0; i < 101; i++) {
            github.generateJitConfig(new JitRequest("ghes-" + i, List.of("self-hosted"), 1, "_work"));
        }

        assertThat(github.listQueuedJobs()).hasSize(120);
        assertThat(github.listRunners()).hasSize(101);
        SimState.Requests requests = sim.state().requests();
        assertThat(requests.count("GET /repos/{owner}/{repo}/actions/runs", 200)).as("queued runs took two pages").isGreaterThanOrEqualTo(3);
        assertThat(requests.count("GET /repos/{owner}/{repo}/actions/runners", 200)).as("two pages").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"JIT, acme/app", "TOKEN, acme/app", "TOKEN, acme"})
    void scalesUpWithTheApiBelowThePrefixAndRunnersAtTheWebUrl(RegistrationMode mode, String scopeName) {
        GitHubScope scope = scopeName.contains("/") ? GitHubScope.ofRepository(scopeName) : GitHubScope.ofOrganization(scopeName);
        Reconciler reconciler = reconciler(scope, mode);
        // in org scope the jobs are found by walking the organisation's repositories
        String repository = scope.isOrganization() ? "acme/tools" : "acme/app";
        sim.enqueue(Workload.jobs(repository, 3).labels("self-hosted", "docker").duration(Duration.ofMillis(200)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ReconcileSnapshot snapshot = reconciler.reconcileOnce();
            assertThat(snapshot.problem()).isEmpty();
            return sim.state().jobsWithStatus("completed").size() == 3;
        });
        assertThat(sim.state().jobsWithStatus("completed")).extracting(SimState.Job::conclusion).containsOnly("success");

        if (mode == RegistrationMode.TOKEN) {
            String host = URI.create(sim.baseUrl()).getAuthority();
            assertThat(backend.specs()).isNotEmpty().allSatisfy((RunnerSpec spec) -> {
                assertThat(spec.environment()).containsEntry("GITHUB_HOST", host);
                if (!scope.isOrganization()) {
                    assertThat(spec.environment()).containsEntry("REPO_URL", sim.baseUrl() + "/acme/app");
                }
            });
        }
    }

    private HttpGitHub client(GitHubScope scope) {
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create(sim.apiUrl() + "/"), scope)
                .withRetry(SimFixture.QUICK_RETRIES);
        return new HttpGitHub(settings, new PersonalAccessToken(TOKEN), GitHubRequestListener.NOOP, clock);
    }

    private Reconciler reconciler(GitHubScope scope, RegistrationMode mode) {
        RunnerSettings runners = new RunnerSettings("ghes-test", List.of("docker"), mode, 1, List.of(), "_work", scope,
                sim.baseUrl());
        ScalingSettings scaling = new ScalingSettings(0, 4, 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        return new Reconciler(scaling, runners, client(scope), backend, new LocalCoordinator(clock), OrchestratorMetrics.NOOP, clock);
    }
}
