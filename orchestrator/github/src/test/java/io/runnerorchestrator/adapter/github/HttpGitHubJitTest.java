package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * generate-jitconfig is not idempotent: after a lost answer the runner is looked up by name, a
 * registration GitHub made anyway is deleted, and only then is the POST sent again. No orphan stays.
 */
class HttpGitHubJitTest {

    private static final String POST_JIT = "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig";
    private static final String DELETE = "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}";
    private static final GitHubScope SCOPE = GitHubScope.ofRepository("acme/app");
    private static final JitRequest REQUEST = new JitRequest("ro-jit-1", List.of("self-hosted", "linux"), 1, "_work");

    private final SimFixture fixture = new SimFixture("acme/app");
    /** Answers are awaited 1 s; a lost answer comes after 5 s. */
    private final HttpGitHub github = new HttpGitHub(new GitHubApiSettings(URI.create(fixture.sim.baseUrl()), SCOPE,
            "runner-orchestrator-test", Duration.ofSeconds(2), Duration.ofSeconds(1), SimFixture.QUICK_RETRIES),
            new PersonalAccessToken(SimFixture.TOKEN), fixture.events::add, Clock.systemUTC());

    @AfterEach
    void stopSimulator() {
        fixture.close();
    }

    @Test
    void aJitPostWhoseAnswerTimedOutLeavesNoOrphan() {
        fixture.sim.faults().lostAnswers(1, Duration.ofSeconds(5));

        JitRunner jit = github.generateJitConfig(REQUEST);

        assertThat(fixture.statusesOf(POST_JIT)).as("timed out, then registered again").containsExactly(0, 201);
        assertThat(fixture.statusesOf(DELETE)).as("the registration of the lost answer").containsExactly(204);
        assertThat(github.listRunners()).singleElement().satisfies(runner -> {
            assertThat(runner.name()).isEqualTo("ro-jit-1");
            assertThat(runner.id()).isEqualTo(jit.runner().id());
        });
    }

    @Test
    void aJitPostAnsweredWithA5xxIsLookedUpNotBlindlyRetried() {
        fixture.sim.faults().serverErrors(1);

        JitRunner jit = github.generateJitConfig(REQUEST);

        assertThat(fixture.statusesOf(POST_JIT)).containsExactly(502, 201);
        assertThat(fixture.statusesOf(DELETE)).as("nothing was registered by the failed call").isEmpty();
        assertThat(github.listRunners()).extracting(GitHubRunner::id).containsExactly(jit.runner().id());
    }

    @Test
    void aJitPostRefusedOutrightIsNotLookedUp() {
        JitRunner first = github.generateJitConfig(REQUEST);

        assertThatThrownBy(() -> github.generateJitConfig(REQUEST)).isInstanceOfSatisfying(GitHubException.class,
                e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.CONFLICT));
        assertThat(fixture.statusesOf(POST_JIT)).containsExactly(201, 409);
        assertThat(github.listRunners()).extracting(GitHubRunner::id).containsExactly(first.runner().id());
    }
}
