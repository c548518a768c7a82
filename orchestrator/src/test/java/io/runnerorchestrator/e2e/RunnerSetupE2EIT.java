package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token mode runs a job end to end, in a runner container with the Docker socket and limits. JIT mode
 * without Docker access is what {@link AutoscalingE2EIT} runs and inspects. Docker-in-Docker needs
 * privileged containers, which this engine refuses to start ("unable to apply caps"); its container
 * settings are checked on a created container by RunnerContainerSettingsTest.
 */
class RunnerSetupE2EIT {

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

        HostConfig host = runnerContainer().getHostConfig();

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

    private static String[] binds(HostConfig host) {
        Bind[] binds = host.getBinds();
        return binds == null ? new String[0]
                : Arrays.stream(binds).map(b -> b.getPath() + ":" + b.getVolume().getPath()).toArray(String[]::new);
    }
}
