package io.runnerorchestrator.adapter.simulated;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulated backend against a started github-sim: runners register, take jobs, exit and are removed. */
class SimulatedRunnerBackendTest {

    private static final String TOKEN = "ghp_simulatedBackendTestToken";
    private static final String REPO = "acme/widgets";
    private static final List<String> LABELS = List.of("self-hosted", "linux");

    private GitHubSimulator sim;
    private HttpGitHub github;
    private SimulatedRunnerBackend backend;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository(REPO)
                .offlineAfter(Duration.ofSeconds(3)).build());
        github = new HttpGitHub(GitHubApiSettings.defaults(URI.create(sim.baseUrl()), GitHubScope.ofRepository(REPO)),
                new PersonalAccessToken(TOKEN), GitHubRequestListener.NOOP, Clock.systemUTC());
        backend = new SimulatedRunnerBackend(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        backend.close();
        sim.close();
    }

    @Test
    void aJitRunnerTakesOneJobExitsAndStaysListedUntilRemoved() {
        RunnerInstance started = backend.start(jitSpec("sim-backend-jit"));
        assertThat(started.state()).isEqualTo(RunnerInstance.State.RUNNING);
        assertThat(started.image()).isEqualTo(SimulatedRunnerBackend.IMAGE);
        await().atMost(Duration.ofSeconds(10)).until(() -> runnerInSim("sim-backend-jit")
                .map(SimState.Runner::status).orElse("").equals("online"));

        long job = sim.enqueue(Workload.jobs(REPO, 1).labels(LABELS).duration(Duration.ofMillis(300))).get(0);

        await().atMost(Duration.ofSeconds(15)).until(() -> backend.list().get(0).gone());
        RunnerInstance exited = backend.list().get(0);
        assertThat(exited.name()).isEqualTo("sim-backend-jit");
        assertThat(exited.exitCode()).contains(0);
        assertThat(exited.exitReason()).isEqualTo("completed its job");
        SimState.Job done = sim.state().job(job).orElseThrow();
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(done.runnerName()).isEqualTo("sim-backend-jit");

        backend.remove("sim-backend-jit");
        assertThat(backend.list()).isEmpty();
    }

    @Test
    void removingAnIdleRunnerClosesItsSessionAndIsIdempotent() {
        backend.start(jitSpec("sim-backend-idle"));
        await().atMost(Duration.ofSeconds(10)).until(() -> runnerInSim("sim-backend-idle")
                .map(SimState.Runner::status).orElse("").equals("online"));

        backend.remove("sim-backend-idle");
        backend.remove("sim-backend-idle");

        assertThat(backend.list()).isEmpty();
        // The goodbye is immediate: offline without waiting for the simulator's offline timeout.
        await().atMost(Duration.ofSeconds(2)).until(() -> runnerInSim("sim-backend-idle")
                .map(SimState.Runner::status).orElse("").equals("offline"));
    }

    @Test
    void aTokenModeRunnerRegistersWithItsNameAndLabels() {
        String token = github.createRegistrationToken().token();
        backend.start(new RunnerSpec("sim-backend-token", Map.of(RunnerSpec.TOKEN_FILE_ENV, RunnerSpec.TOKEN_FILE,
                "RUNNER_SCOPE", "repo", "REPO_URL", sim.baseUrl() + "/" + REPO, "LABELS", "gpu,linux", "EPHEMERAL", "true"),
                Map.of(RunnerSpec.TOKEN_FILE, token), List.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> runnerInSim("sim-backend-token").isPresent());
        SimState.Runner runner = runnerInSim("sim-backend-token").orElseThrow();
        assertThat(runner.labels()).contains("gpu");
        assertThat(runner.ephemeral()).isTrue();
    }

    @Test
    void logsSayWhatTheRunnerDoes() {
        backend.start(jitSpec("sim-backend-logs"));
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.logs("sim-backend-logs", 10).contains("phase=IDLE"));

        assertThat(backend.logs("sim-backend-logs", 10)).startsWith("simulated-runner name=sim-backend-logs runner_id=");
        assertThatThrownBy(() -> backend.logs("nobody", 10))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessage("runner nobody: no simulated runner by this name");
    }

    @Test
    void refusesASecondRunnerOfTheSameName() {
        RunnerSpec spec = jitSpec("sim-backend-twice");
        backend.start(spec);

        assertThatThrownBy(() -> backend.start(spec))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessage("runner sim-backend-twice: a simulated runner by this name exists already");
        assertThat(backend.list()).hasSize(1);
    }

    @Test
    void aSpecWithoutRegistrationFailsNamingWhatIsMissingAndNeverTheSecrets() {
        assertThatThrownBy(() -> backend.start(new RunnerSpec("sim-backend-none", Map.of("LABELS", "x"), List.of())))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessage("runner sim-backend-none: cannot start a simulated runner:"
                        + " neither ACTIONS_RUNNER_INPUT_JITCONFIG nor a registration token (RUNNER_TOKEN_FILE) is set");
        String forged = "bm90LWpzb24tYnV0LXNlY3JldA==";
        assertThatThrownBy(() -> backend.start(new RunnerSpec("sim-backend-bad",
                Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", forged), List.of())))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessageContaining("is not a JIT config github-sim can read")
                .hasMessageNotContaining(forged).hasMessageNotContaining("not-json-but-secret");
        assertThat(backend.list()).isEmpty();
    }

    private RunnerSpec jitSpec(String name) {
        String config = github.generateJitConfig(new JitRequest(name, LABELS, 1, "_work")).encodedJitConfig();
        return new RunnerSpec(name, Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", config), List.of("/home/runner/run.sh"));
    }

    private Optional<SimState.Runner> runnerInSim(String name) {
        return sim.state().runner(name);
    }
}
