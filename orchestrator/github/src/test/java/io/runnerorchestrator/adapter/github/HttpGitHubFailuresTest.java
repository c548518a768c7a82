package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.testkit.MutableClock;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubException.Kind;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.RateLimitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient failures are retried, rate limits waited out within bounds, and the rest reported clearly. */
class HttpGitHubFailuresTest {

    private static final String LIST_RUNNERS = "GET /repos/{owner}/{repo}/actions/runners";
    private static final GitHubScope SCOPE = GitHubScope.ofRepository("acme/app");

    private final SimFixture fixture = new SimFixture("acme/app");

    @AfterEach
    void stopSimulator() {
        fixture.close();
    }

    @Test
    void serverErrorsAreRetriedUntilAnAnswerComes() {
        fixture.sim.faults().serverErrors(2);

        List<GitHubRunner> runners = fixture.client(SCOPE).listRunners();

        assertThat(runners).isEmpty();
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(502, 502, 200);
    }

    @Test
    void persistentServerErrorsFailAfterTheLastAttempt() {
        fixture.sim.faults().serverErrors(10);

        assertThatThrownBy(() -> fixture.client(SCOPE).listRunners())
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
                    assertThat(e.status()).isEqualTo(502);
                })
                .hasMessageContaining(LIST_RUNNERS)
                .hasMessageContaining("after 3 attempts");
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(502, 502, 502);
    }

    @Test
    void aServerErrorStormHoldsCallsBackExponentiallyAcrossPasses() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create(fixture.sim.baseUrl()), SCOPE)
                .withRetry(SimFixture.QUICK_RETRIES);
        HttpGitHub github = new HttpGitHub(settings, new PersonalAccessToken(SimFixture.TOKEN), fixture.events::add, clock);
        fixture.sim.faults().serverErrors(1000);

        assertThatThrownBy(github::listRunners).hasMessageContaining("after 3 attempts");
        assertThatThrownBy(github::listRunners).hasMessageContaining("after 3 attempts");
        assertThatThrownBy(github::listRunners)
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.retryAt())
                        .contains(Instant.parse("2025-03-01T12:00:05Z")))
                .hasMessage("GitHub calls held back until 2025-03-01T12:00:05Z after 2 failed calls in a row (5xx or"
                        + " network); not sent: " + LIST_RUNNERS + " (/repos/acme/app/actions/runners?per_page=100)");
        assertThat(fixture.statusesOf(LIST_RUNNERS)).as("the held-back call was not sent").hasSize(6);

        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(github::listRunners).hasMessageContaining("after 3 attempts");
        fixture.sim.faults().clear();
        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(github::listRunners).as("held 10 s after the third failure").hasMessageContaining("held back");

        clock.advance(Duration.ofSeconds(1));
        assertThat(github.listRunners()).isEmpty();
        assertThat(github.listRunners()).as("an answer ends the outage").isEmpty();
    }

    @Test
    void theHoldDoublesFromTheSecondFailureUpToTwoMinutes() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(OutageBackoff::hold).map(Duration::toSeconds))
                .containsExactly(0L, 5L, 10L, 20L, 40L, 80L, 120L, 120L);
    }

    @Test
    void badCredentialsFailAtOnceWithAClearMessageAndNoToken() {
        String wrongToken = "ghp_wrongSecretToken987";

        assertThatThrownBy(() -> fixture.client(SCOPE, SimFixture.QUICK_RETRIES, wrongToken).listRunners())
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.kind().retryable()).isFalse();
                })
                .hasMessageStartingWith("GitHub rejected the credentials (401 Bad credentials) for " + LIST_RUNNERS)
                .hasMessageNotContaining(wrongToken)
                .hasMessageNotContaining(SimFixture.TOKEN);
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(401);
    }

    @Test
    void anExhaustedRateLimitIsWaitedOutUntilTheReset() {
        HttpGitHub github = fixture.client(SCOPE);
        fixture.sim.faults().exhaustRateLimit(Duration.ofSeconds(2));

        List<GitHubRunner> runners = github.listRunners();

        assertThat(runners).isEmpty();
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(403, 200);
        RateLimitStatus after = github.rateLimit();
        assertThat(after.known()).isTrue();
        assertThat(after.remaining()).isPositive();
    }

    @Test
    void aRateLimitLongerThanTheAllowedWaitFailsWithTheTimeToRetry() {
        RetryPolicy impatient = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1));
        HttpGitHub github = fixture.client(SCOPE, impatient, SimFixture.TOKEN);
        fixture.sim.faults().exhaustRateLimit(Duration.ofMinutes(10));

        assertThatThrownBy(github::listRunners)
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAt()).hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now().plus(Duration.ofMinutes(9))));
                })
                .hasMessageContaining(LIST_RUNNERS);
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(403);
        assertThat(github.rateLimit().remaining()).isZero();
    }

    @Test
    void anUnreachableApiIsANetworkErrorAfterRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GitHubApiSettings settings = GitHubApiSettings.defaults(URI.create("http://127.0.0.1:" + closedPort), SCOPE)
                .withRetry(SimFixture.QUICK_RETRIES);
        HttpGitHub github = new HttpGitHub(settings, new PersonalAccessToken(SimFixture.TOKEN), fixture.events::add, Clock.systemUTC());

        assertThatThrownBy(github::listRunners)
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
                    assertThat(e.status()).isZero();
                })
                .hasMessageContaining("GitHub unreachable")
                .hasMessageContaining("after 3 attempts");
        assertThat(fixture.statusesOf(LIST_RUNNERS)).containsExactly(0, 0, 0);
    }

    @Test
    void aMissingRepositoryIsNotFoundNamingTheEndpoint() {
        HttpGitHub github = fixture.client(GitHubScope.ofRepository("acme/gone"));

        assertThatThrownBy(github::listRunners)
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessageContaining("404")
                .hasMessageContaining("/repos/acme/gone/actions/runners");
    }
}
