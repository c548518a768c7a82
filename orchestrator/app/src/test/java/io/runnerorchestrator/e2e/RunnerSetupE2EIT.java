package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token mode runs a job end to end, in a runner container with the Docker socket and limits; the
 * registration token is handed over as a file that is gone once the runner registered, and is nowhere
 * in {@code docker inspect}. JIT mode
 * without Docker access is what {@link AutoscalingE2EIT} runs and inspects. Docker-in-Docker needs
 * privileged containers, which this engine refuses to start ("unable to apply caps"); its container
 * settings are checked on a created container by RunnerContainerSettingsTest.
 */
class RunnerSetupE2EIT {

    /** The form of github-sim's registration tokens. */
    private static final Pattern REGISTRATION_TOKEN = Pattern.compile("A[A-Z2-7]{28}");

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void tokenModeRunnerWithTheDockerSocketAndLimitsRunsAJob() {
        harness = OrchestratorHarness.create("token");
        harness.startOrchestrator(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "1", "ORCHESTRATOR_RUNNER_MODE", "token",
                "ORCHESTRATOR_RUNNER_DOCKER", "socket", "ORCHESTRATOR_RUNNER_CPUS", "0.5",
                "ORCHESTRATOR_RUNNER_MEMORY", "64m"));

        InspectContainerResponse container = runnerContainer();
        HostConfig host = container.getHostConfig();

        assertThat(container.getConfig().getEnv()).contains("RUNNER_TOKEN_FILE=/home/runner/.runner-token")
                .noneMatch(variable -> variable.startsWith("RUNNER_TOKEN="));
        assertThat(REGISTRATION_TOKEN.matcher(inspectJson(container.getId())).find())
                .as("a registration token in docker inspect").isFalse();
        assertThat(exec(container.getId(), "test", "-e", "/home/runner/.runner-token"))
                .as("exit status of test -e on the token file, after registering").isEqualTo(1);

        assertThat(host.getPrivileged()).isFalse();
        assertThat(binds(host)).containsExactly("/var/run/docker.sock:/var/run/docker.sock");
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
        runsAJob();
    }

    /** The one runner container, once it is running and registered. */
    private InspectContainerResponse runnerContainer() {
        new PoolChecks(harness).awaitSettledAt(1, Duration.ofSeconds(60));
        InspectContainerResponse container = harness.docker().inspect(harness.docker().running(harness.instanceId()).get(0));
        assertThat(container.getHostConfig().getNetworkMode()).isEqualTo("host");
        return container;
    }

    private void runsAJob() {
        long jobId = harness.enqueue(1, Duration.ofSeconds(1), "self-hosted", "linux", "x64").get(0);

        await("the job completes").atMost(Duration.ofSeconds(90))
                .until(() -> harness.sim().state().job(jobId).orElseThrow().status().equals("completed"));
        assertThat(harness.sim().state().job(jobId).orElseThrow())
                .satisfies(job -> assertThat(job.conclusion()).isEqualTo("success"))
                .satisfies(job -> assertThat(job.runnerName()).startsWith(harness.prefix() + "-"));
    }

    private static String inspectJson(String containerId) {
        return run("docker", "inspect", containerId).output();
    }

    private static int exec(String containerId, String... command) {
        List<String> all = new ArrayList<>(List.of("docker", "exec", containerId));
        all.addAll(List.of(command));
        return run(all.toArray(String[]::new)).exitCode();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] binds(HostConfig host) {
        Bind[] binds = host.getBinds();
        return binds == null ? new String[0]
                : Arrays.stream(binds).map(b -> b.getPath() + ":" + b.getVolume().getPath()).toArray(String[]::new);
    }
}
