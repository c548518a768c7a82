package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.testkit.TestKeys;
import io.runnerorchestrator.testkit.MutableClock;
import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.RetryPolicy;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing in as a GitHub App installation against the simulator, which checks the JWTs for real. */
class GitHubAppCredentialsTest {

    static final String APP_ID = "424242";
    static final String ACCESS_TOKENS = "POST /app/installations/{installation_id}/access_tokens";
    private static final GitHubScope REPO = GitHubScope.ofRepository("acme/app");
    private static final KeyPair APP_KEY = TestKeys.rsa(2048);
    private static final RetryPolicy QUICK = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO);

    private final MutableClock clock = new MutableClock(Instant.now());
    private GitHubSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void looksUpTheInstallationAndUsesOneTokenUntilItIsDue() {
        startSim(clock);
        HttpGitHub github = github(REPO, credentials(Optional.empty(), APP_KEY));

        assertThat(github.listRunners()).isEmpty();
        assertThat(github.listRunners()).isEmpty();

        assertThat(count("GET /repos/{owner}/{repo}/installation", 200)).isEqualTo(1);
        assertThat(count(ACCESS_TOKENS, 201)).isEqualTo(1);
        assertThat(sim.state().requests().count("GET /repos/{owner}/{repo}/actions/runners"))
                .as("both answered, the second a free 304").isEqualTo(2);
        assertThat(count("GET /repos/{owner}/{repo}/actions/runners", 401)).isZero();
    }

    @Test
    void anOrganizationLooksUpItsOwnInstallation() {
        startSim(clock);
        GitHubScope org = GitHubScope.ofOrganization("acme");
        HttpGitHub github = github(org, credentials(org, Optional.empty(), APP_KEY, GitHubAppCredentials.DEFAULT_REFRESH_MARGIN));

        assertThat(github.listRunners()).isEmpty();
        assertThat(count("GET /orgs/{org}/installation", 200)).isEqualTo(1);
    }

    @Test
    void fetchesTheNextTokenFiveMinutesBeforeTheCurrentOneExpires() {
        startSim(clock);
        GitHubAppCredentials credentials = credentials(Optional.empty(), APP_KEY);
        String first = credentials.authorizationHeader();

        clock.advance(Duration.ofMinutes(54));
        assertThat(credentials.authorizationHeader()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(1));
        String second = credentials.authorizationHeader();

        assertThat(second).startsWith("Bearer ghs_").isNotEqualTo(first);
        assertThat(count(ACCESS_TOKENS, 201)).isEqualTo(2);
        assertThat(count("GET /repos/{owner}/{repo}/installation", 200)).as("the id is looked up once").isEqualTo(1);
    }

    @Test
    void manyThreadsAtOnceCauseOneRefresh() throws Exception {
        startSim(clock);
        GitHubAppCredentials credentials = credentials(Optional.empty(), APP_KEY);
        credentials.authorizationHeader();
        clock.advance(Duration.ofMinutes(56));

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = IntStream.range(0, 64).<Callable<String>>mapToObj(i -> credentials::authorizationHeader).toList();
            for (Future<String> header : pool.invokeAll(calls)) {
                assertThat(header.get()).startsWith("Bearer ghs_");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(ACCESS_TOKENS, 201)).isEqualTo(2);
    }

    @Test
    void keepsTheCurrentTokenWhileGitHubFailsToIssueTheNext() {
        startSim(clock);
        GitHubAppCredentials credentials = credentials(Optional.empty(), APP_KEY);
        String first = credentials.authorizationHeader();
        clock.advance(Duration.ofMinutes(56));

        sim.faults().serverErrors(QUICK.maxAttempts());
        assertThat(credentials.authorizationHeader()).isEqualTo(first);
        assertThat(credentials.authorizationHeader()).isNotEqualTo(first);
        assertThat(count(ACCESS_TOKENS, 502)).isEqualTo(QUICK.maxAttempts());
    }

    @Test
    void aTokenGitHubRefusesIsReplacedOnTheNextCall() {
        // GitHub's clock two minutes ahead: it expires the token while we still count it valid
        startSim(Clock.offset(clock, Duration.ofMinutes(2)));
        HttpGitHub github = github(REPO, credentials(REPO, Optional.empty(), APP_KEY, Duration.ZERO));
        github.listRunners();
        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(github::listRunners).isInstanceOf(GitHubException.class)
                .satisfies(e -> assertThat(((GitHubException) e).kind()).isEqualTo(GitHubException.Kind.UNAUTHORIZED));
        assertThat(github.listRunners()).isEmpty();
        assertThat(count(ACCESS_TOKENS, 201)).isEqualTo(2);
    }

    @Test
    void aWrongKeyIsAClearErrorNamingTheSettingsNeverTheKey() {
        startSim(clock);
        KeyPair otherKey = TestKeys.rsa(2048);
        HttpGitHub github = github(REPO, credentials(Optional.of(40_000_001L), otherKey));

        assertThatThrownBy(github::listRunners).isInstanceOf(GitHubException.class)
                .satisfies(e -> assertThat(((GitHubException) e).kind()).isEqualTo(GitHubException.Kind.UNAUTHORIZED))
                .hasMessageStartingWith("GitHub App sign-in refused: GitHub rejected the credentials (401 A JSON web token could not be decoded)")
                .hasMessageContaining("GITHUB_APP_ID=" + APP_ID)
                .hasMessageContaining("GITHUB_APP_PRIVATE_KEY")
                .hasMessageNotContaining("MII")
                .hasMessageNotContaining("eyJ");
        assertThat(count("GET /repos/{owner}/{repo}/actions/runners", 200)).isZero();
    }

    @Test
    void anUnknownInstallationOrAnUninstalledScopeNamesWhatToCheck() {
        startSim(clock);
        HttpGitHub configured = github(REPO, credentials(Optional.of(999L), APP_KEY));
        GitHubScope other = GitHubScope.ofOrganization("other");
        HttpGitHub elsewhere = github(other, credentials(other, Optional.empty(), APP_KEY, GitHubAppCredentials.DEFAULT_REFRESH_MARGIN));

        assertThatThrownBy(configured::listRunners).isInstanceOf(GitHubException.class)
                .hasMessageStartingWith("installation 999 of GitHub App 424242 does not exist; check GITHUB_APP_INSTALLATION_ID");
        assertThatThrownBy(elsewhere::listRunners).isInstanceOf(GitHubException.class)
                .hasMessageStartingWith("GitHub App 424242 is not installed on org:other; install it there, or set GITHUB_APP_INSTALLATION_ID");
    }

    @Test
    void neverPrintsTheToken() {
        startSim(clock);
        GitHubAppCredentials credentials = credentials(Optional.empty(), APP_KEY);
        String header = credentials.authorizationHeader();

        assertThat(credentials.toString()).doesNotContain(header.substring("Bearer ".length())).contains(APP_ID);
    }

    private void startSim(Clock simClock) {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_unused").repository("acme/app").clock(simClock)
                .githubApp(APP_ID, APP_KEY.getPublic()).build());
    }

    private GitHubApiSettings api(GitHubScope scope) {
        return GitHubApiSettings.defaults(URI.create(sim.apiUrl()), scope).withRetry(QUICK);
    }

    private GitHubAppCredentials credentials(Optional<Long> installationId, KeyPair key) {
        return credentials(REPO, installationId, key, GitHubAppCredentials.DEFAULT_REFRESH_MARGIN);
    }

    private GitHubAppCredentials credentials(GitHubScope scope, Optional<Long> installationId, KeyPair key, Duration margin) {
        GitHubAppSettings app = new GitHubAppSettings(APP_ID, installationId,
                AppPrivateKey.fromPem(TestKeys.pkcs1Pem(key), "GITHUB_APP_PRIVATE_KEY"));
        return new GitHubAppCredentials(app, api(scope), GitHubRequestListener.NOOP, clock, margin);
    }

    private HttpGitHub github(GitHubScope scope, GitHubAppCredentials credentials) {
        return new HttpGitHub(api(scope), credentials, GitHubRequestListener.NOOP, Clock.systemUTC());
    }

    private long count(String endpoint, int status) {
        return sim.state().requests().count(endpoint, status);
    }
}
