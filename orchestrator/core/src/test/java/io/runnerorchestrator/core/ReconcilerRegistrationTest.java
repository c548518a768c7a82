package io.runnerorchestrator.core;

import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** How a runner is registered and what its container is given, per mode. */
class ReconcilerRegistrationTest {
    private final TestWorld world = new TestWorld();

    @Test
    void jitModeGivesTheContainerOnlyTheJitConfigAndTheVersionExitCodeSwitch() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());

        ReconcileSnapshot snapshot = reconciler.reconcileOnce();

        RunnerSpec spec = world.backend.started.get(0);
        assertThat(spec.name()).matches("ro-test-[a-z0-9]{8}");
        assertThat(spec.environment()).containsOnly(
                entry("ACTIONS_RUNNER_INPUT_JITCONFIG", "jit-secret-" + spec.name()),
                entry("ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE", "1"));
        assertThat(spec.command()).containsExactly("/home/runner/run.sh");
        assertThat(world.github.jitRequests).containsExactly(
                new JitRequest(spec.name(), List.of("self-hosted", "linux", "x64", "docker"), 1, "_work"));
        assertThat(world.github.tokensCreated).isZero();
        assertThat(spec.toString() + snapshot + world.github.jitRequests).doesNotContain("jit-secret");
    }

    @Test
    void aConfiguredCommandReplacesRunSh() {
        RunnerSettings settings = new RunnerSettings("ro-test", List.of(), RegistrationMode.JIT, 3,
                List.of("/entrypoint.sh", "--once"), "work", GitHubScope.ofOrganization("acme"), "https://github.com");
        world.reconciler(TestWorld.scaling(1, 5, 3, 1), settings).reconcileOnce();

        assertThat(world.backend.started.get(0).command()).containsExactly("/entrypoint.sh", "--once");
        assertThat(world.github.jitRequests.get(0).runnerGroupId()).isEqualTo(3);
    }

    @Test
    void whenTheContainerCannotStartTheJitRegistrationIsDeleted() {
        world.backend.failStarts = true;
        Reconciler reconciler = world.reconciler(TestWorld.scaling(2, 5, 3, 1), TestWorld.jit());

        ReconcileSnapshot snapshot = reconciler.reconcileOnce();

        // The two MIN starts run side by side; the second is skipped if the first failed before it began.
        int attempts = world.github.jitRequests.size();
        assertThat(attempts).as("attempts this pass").isBetween(1, 2);
        assertThat(world.github.runners()).as("no registration leaked").isEmpty();
        assertThat(world.backend.names()).isEmpty();
        assertThat(snapshot.backoff().consecutiveFailures()).as("one pass's failures back off as one").isEqualTo(1);
        assertThat(snapshot.backoff().lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("not found"));
        assertThat(world.metrics.startFailures).hasSize(attempts).containsOnly("start_error");

        reconciler.reconcileOnce();

        assertThat(world.github.jitRequests).as("nothing more before the backoff ends").hasSize(attempts);
    }

    @Test
    void tokenModeUsesTheRunnerImageEnvironmentAndHandsTheTokenOverAsAFile() {
        RunnerSettings settings = new RunnerSettings("ro-test", List.of("docker", "big"), RegistrationMode.TOKEN, 1,
                List.of(), "_work", GitHubScope.ofRepository("acme/app"), "http://127.0.0.1:8080/");
        Reconciler reconciler = world.reconciler(TestWorld.scaling(2, 5, 3, 1), settings);

        reconciler.reconcileOnce();

        RunnerSpec spec = world.backend.started.get(0);
        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE", "1"),
                Map.entry("RUNNER_NAME", spec.name()),
                Map.entry("RUNNER_TOKEN_FILE", "/home/runner/.runner-token"),
                Map.entry("RUNNER_SCOPE", "repo"),
                Map.entry("REPO_URL", "http://127.0.0.1:8080/acme/app"),
                Map.entry("GITHUB_HOST", "127.0.0.1:8080"),
                Map.entry("LABELS", "docker,big"),
                Map.entry("EPHEMERAL", "true"),
                Map.entry("DISABLE_AUTO_UPDATE", "true"),
                Map.entry("RUNNER_WORKDIR", "_work")));
        assertThat(spec.environment()).as("no token in the environment").doesNotContainValue("reg-secret-1");
        assertThat(spec.secretFiles()).containsExactly(Map.entry("/home/runner/.runner-token", "reg-secret-1"));
        assertThat(spec.command()).as("the image's own entrypoint").isEmpty();
        assertThat(world.github.jitRequests).isEmpty();
        assertThat(world.github.tokensCreated).as("one token serves both runners").isEqualTo(1);
        assertThat(world.backend.started.get(1).registrationToken()).contains("reg-secret-1");
    }

    @Test
    void tokenModeForAnOrganisationNamesTheOrganisation() {
        RunnerSettings settings = TestWorld.runnerSettings(RegistrationMode.TOKEN, GitHubScope.ofOrganization("acme"));
        world.reconciler(TestWorld.scaling(1, 5, 3, 1), settings).reconcileOnce();

        assertThat(world.backend.started.get(0).environment())
                .containsEntry("RUNNER_SCOPE", "org")
                .containsEntry("ORG_NAME", "acme")
                .containsEntry("GITHUB_HOST", "github.com")
                .doesNotContainKey("REPO_URL");
    }

    @Test
    void tokenRunnersAreStartingUntilTheyRegisterThemselves() {
        RunnerSettings settings = TestWorld.runnerSettings(RegistrationMode.TOKEN, GitHubScope.ofRepository("acme/app"));
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), settings);
        reconciler.reconcileOnce();

        assertThat(reconciler.reconcileOnce().counts().starting()).isEqualTo(1);
        world.bootAll();
        assertThat(reconciler.reconcileOnce().counts().idle()).isEqualTo(1);
        assertThat(world.backend.started).hasSize(1);
    }
}
