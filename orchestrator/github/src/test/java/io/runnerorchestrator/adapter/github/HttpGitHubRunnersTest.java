package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHub.DeleteResult;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.RegistrationToken;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runner registrations over real HTTP against the simulator. */
class HttpGitHubRunnersTest {

    private static final String LIST_RUNNERS = "GET /repos/{owner}/{repo}/actions/runners";

    private final SimFixture fixture = new SimFixture("acme/app");
    private final HttpGitHub github = fixture.client(GitHubScope.ofRepository("acme/app"));

    @AfterEach
    void stopSimulator() {
        fixture.close();
    }

    @Test
    void listsRunnersAcrossSeveralPages() {
        List<String> names = IntStream.range(0, 150).mapToObj(i -> "runner-" + i).toList();
        names.forEach(this::register);

        List<GitHubRunner> runners = github.listRunners();

        assertThat(runners).extracting(GitHubRunner::name).containsExactlyInAnyOrderElementsOf(names);
        assertThat(runners).allSatisfy(runner -> assertThat(runner.labels()).contains("self-hosted", "gpu", "ssd"));
        assertThat(fixture.sim.state().requests().count(LIST_RUNNERS)).isEqualTo(2);
    }

    @Test
    void unchangedListIsServedFromTheEtagCacheWithoutSpendingTheRateLimit() {
        register("runner-a");
        register("runner-b");
        List<GitHubRunner> first = github.listRunners();
        SimState.Requests before = fixture.sim.state().requests();

        List<GitHubRunner> second = github.listRunners();

        SimState.Requests after = fixture.sim.state().requests();
        assertThat(second).isEqualTo(first);
        assertThat(after.counted()).isEqualTo(before.counted());
        assertThat(after.notModified()).isEqualTo(before.notModified() + 1);
        assertThat(after.count(LIST_RUNNERS, 304)).isEqualTo(1);
        assertThat(fixture.events).last().extracting(GitHubRequestEvent::notModified).isEqualTo(true);
    }

    @Test
    void changedListIsFetchedAfreshDespiteTheCache() {
        register("runner-a");
        github.listRunners();
        register("runner-b");

        assertThat(github.listRunners()).extracting(GitHubRunner::name).containsExactlyInAnyOrder("runner-a", "runner-b");
    }

    @Test
    void jitRegistrationAnswersTheRunnerAndARunnableConfig() {
        JitRunner jit = register("runner-jit");

        assertThat(jit.runner().id()).isPositive();
        assertThat(jit.runner().name()).isEqualTo("runner-jit");
        assertThat(jit.runner().online()).isFalse();
        JsonNode config = JsonMapper.builder().build()
                .readTree(new String(Base64.getDecoder().decode(jit.encodedJitConfig()), StandardCharsets.UTF_8));
        assertThat(config.path("url").asString()).isEqualTo(fixture.sim.baseUrl());
        assertThat(config.path("name").asString()).isEqualTo("runner-jit");
        assertThat(jit.toString()).doesNotContain(jit.encodedJitConfig());
        assertThat(github.getRunner(jit.runner().id())).contains(jit.runner());
    }

    @Test
    void duplicateJitNameIsAConflict() {
        register("runner-twice");

        assertThatThrownBy(() -> register("runner-twice"))
                .isInstanceOfSatisfying(GitHubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GitHubException.Kind.CONFLICT);
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining("POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig");
    }

    @Test
    void registrationTokenIsFreshAndNeverPrinted() {
        RegistrationToken token = github.createRegistrationToken();

        assertThat(token.token()).isNotBlank();
        assertThat(token.expiresAt()).isAfter(Instant.now());
        assertThat(token.toString()).doesNotContain(token.token());
    }

    @Test
    void deletingAnIdleRunnerRemovesItAndASecondDeleteFindsNothing() {
        long id = register("runner-idle").runner().id();

        assertThat(github.deleteRunner(id)).isEqualTo(DeleteResult.DELETED);
        assertThat(github.deleteRunner(id)).isEqualTo(DeleteResult.NOT_FOUND);
        assertThat(github.getRunner(id)).isEmpty();
        assertThat(github.listRunners()).isEmpty();
    }

    @Test
    void deletingABusyRunnerIsRefused() {
        JitRunner jit = register("runner-busy");
        SimRunnerProtocol runner = new SimRunnerProtocol(fixture.sim.baseUrl());
        long runnerId = runner.connect(jit.encodedJitConfig());
        fixture.sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "gpu").duration(Duration.ofMinutes(5)));
        runner.acquire(runnerId);

        assertThat(github.deleteRunner(runnerId)).isEqualTo(DeleteResult.REFUSED);
        assertThat(github.getRunner(runnerId)).hasValueSatisfying(found -> {
            assertThat(found.busy()).isTrue();
            assertThat(found.online()).isTrue();
        });
    }

    private JitRunner register(String name) {
        return github.generateJitConfig(new JitRequest(name, List.of("gpu", "ssd"), 1, null));
    }
}
