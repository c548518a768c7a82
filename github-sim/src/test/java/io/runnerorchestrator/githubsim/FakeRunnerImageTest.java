package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Builds the fake runner image with build-image.sh and runs it against the simulator (host network). */
class FakeRunnerImageTest {
    private static final String IMAGE = "fake-runner:local";
    private static final Path FAKE_RUNNER = Path.of("fake-runner").toAbsolutePath();

    private final String testId = "ghsim-" + UUID.randomUUID().toString().substring(0, 8);
    private final String label = "io.runnerorchestrator.test=" + testId;
    private GitHubSimulator sim;
    private SimHttp http;

    @BeforeAll
    static void buildImage() {
        DockerCli.run(Map.of(), FAKE_RUNNER, "./build-image.sh", IMAGE).requireSuccess("build-image.sh");
        DockerCli.Result second = DockerCli.run(Map.of(), FAKE_RUNNER, "./build-image.sh", IMAGE)
                .requireSuccess("build-image.sh again");
        assertThat(second.output()).contains("up to date");
    }

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .offlineAfter(Duration.ofSeconds(5)).build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
    }

    @AfterEach
    void stop() {
        DockerCli.removeLabelled(label);
        sim.close();
    }

    @Test
    void jitModeRunnerCompletesOneJobAndExits() {
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "linux")
                .duration(Duration.ofMillis(1500))).get(0);
        String config = http.generateJit("/repos/acme/app", testId + "-jit", "linux").path("encoded_jit_config")
                .asString();
        String container = runDetached("jit", Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", config),
                "-e", "ACTIONS_RUNNER_INPUT_JITCONFIG", IMAGE, "/home/runner/run.sh");

        awaitExit(container);
        assertThat(exitCode(container)).isZero();
        SimState.Job done = sim.state().job(job).orElseThrow();
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(done.runnerName()).isEqualTo(testId + "-jit");
        assertThat(sim.state().runner(testId + "-jit")).as("ephemeral registration removed").isEmpty();
        String logs = logs(container);
        assertThat(logs).contains("event=connected", "event=job.started job_id=" + job,
                "event=job.completed job_id=" + job, "event=exiting reason=job-done code=0");
        assertThat(logs).doesNotContain(config);
    }

    @Test
    void tokenModeRunnerRegistersFromEnvironmentAndCompletesAJob() {
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("self-hosted", "gpu")).get(0);
        String token = SimHttp.json(http.post("/repos/acme/app/actions/runners/registration-token", ""))
                .path("token").asString();
        String name = testId + "-tok";
        String container = runDetached("tok", Map.of("RUNNER_TOKEN", token), "-e", "RUNNER_TOKEN",
                "-e", "RUNNER_NAME=" + name, "-e", "RUNNER_SCOPE=repo", "-e", "REPO_URL=" + sim.baseUrl() + "/acme/app",
                "-e", "LABELS=gpu,docker", "-e", "EPHEMERAL=true", IMAGE);

        awaitExit(container);
        assertThat(exitCode(container)).isZero();
        SimState.Job done = sim.state().job(job).orElseThrow();
        assertThat(done.conclusion()).isEqualTo("success");
        assertThat(done.runnerName()).isEqualTo(name);
        assertThat(logs(container)).contains("event=registered mode=token", "event=job.completed job_id=" + job)
                .doesNotContain(token);
    }

    @Test
    void idleRunnerStopsPromptlyOnSigtermAndTakesNoLaterJob() {
        String name = testId + "-idle";
        String config = http.generateJit("/repos/acme/app", name, "linux").path("encoded_jit_config").asString();
        String container = runDetached("idle", Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", config),
                "-e", "ACTIONS_RUNNER_INPUT_JITCONFIG", IMAGE, "/home/runner/run.sh");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sim.state().runner(name).map(r -> r.status().equals("online")).orElse(false));

        // Within 30 s Docker would have to SIGKILL it (exit 137); a prompt exit is 0.
        DockerCli.docker("stop", "-t", "30", container).requireSuccess("docker stop");
        assertThat(exitCode(container)).isZero();
        assertThat(logs(container)).contains("event=exiting reason=terminated code=0");
        assertThat(sim.state().runner(name).orElseThrow().status()).isEqualTo("offline");
        long job = sim.enqueue(Workload.jobs("acme/app", 1).labels("linux")).get(0);
        assertThat(sim.state().job(job).orElseThrow().status()).isEqualTo("queued");
    }

    private String runDetached(String role, Map<String, String> secretEnv, String... args) {
        String name = testId + "-" + role;
        List<String> command = new java.util.ArrayList<>(List.of("run", "-d", "--network", "host", "--name", name,
                "--label", label));
        command.addAll(List.of(args));
        DockerCli.dockerWithEnv(secretEnv, command.toArray(String[]::new)).requireSuccess("docker run " + name);
        return name;
    }

    private static void awaitExit(String container) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> DockerCli.docker("inspect", "-f", "{{.State.Status}}", container).output().trim()
                        .equals("exited"));
    }

    private static int exitCode(String container) {
        return Integer.parseInt(DockerCli.docker("inspect", "-f", "{{.State.ExitCode}}", container).output().trim());
    }

    private static String logs(String container) {
        return DockerCli.docker("logs", container).output();
    }
}
