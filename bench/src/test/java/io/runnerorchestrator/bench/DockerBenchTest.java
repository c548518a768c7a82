package io.runnerorchestrator.bench;

import com.github.dockerjava.api.DockerClient;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;
import io.runnerorchestrator.bench.docker.DockerOptions;
import io.runnerorchestrator.bench.docker.DockerRun;
import io.runnerorchestrator.bench.measure.ResultTable;
import io.runnerorchestrator.bench.measure.RunSummary;
import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.bench.trace.TraceRun;
import io.runnerorchestrator.core.ScalingSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small burst on the real Docker engine with the fake runner image, through the real HttpGitHub
 * against the embedded simulator, with webhooks or with the simulator's runner scale set: every job
 * done on a runner the orchestrator started, and no container of the run left behind.
 */
class DockerBenchTest {
    private static final Trace BURST = new Trace("burst-3", 0, "a matrix of 3 jobs of 1 s", Duration.ofSeconds(5),
            List.of(new TraceRun(Duration.ZERO, 3, Duration.ofSeconds(1))));
    private static final ScalingSettings SCALING = new ScalingSettings(1, 3, 3, 1, Duration.ofSeconds(300),
            Duration.ofSeconds(2), Duration.ofSeconds(60));
    private static final DockerOptions OPTIONS = new DockerOptions(DockerOptions.FAKE_RUNNER_IMAGE,
            Duration.ofSeconds(60), Duration.ofSeconds(60));

    @Test
    void aBurstOnRealDockerCompletesAndLeavesNoContainer() throws IOException {
        DockerRun run = new DockerRun(new RunSetup(BURST, BenchPolicy.OURS, Mode.WEBHOOK, SCALING, Duration.ZERO,
                Duration.ofSeconds(1)), OPTIONS);

        RunSummary summary = RunSummary.of(run.run());

        assertThat(summary.completed()).isEqualTo(3).isEqualTo(summary.jobs());
        assertThat(summary.pickupSeconds().count()).isEqualTo(3);
        assertThat(summary.busyRunnerSeconds()).isGreaterThanOrEqualTo(3);
        assertThat(summary.countedPerJob()).isPositive();
        assertThat(ResultTable.markdown(List.of(summary))).contains("| ours | webhook | 3/3 |");
        assertNoContainerLeft(run);
    }

    /** The jobs reach the scale set only: its runners are registered through the Actions service. */
    @Test
    void inScaleSetModeABurstIsServedFromTheMessageQueueAndTheRestApiIsReadOnlyForTheRunnerList() throws IOException {
        DockerRun run = new DockerRun(new RunSetup(BURST, BenchPolicy.OURS, Mode.SCALESET, SCALING, Duration.ZERO,
                Duration.ofSeconds(1)), OPTIONS);

        RunSummary summary = RunSummary.of(run.run());

        assertThat(summary.completed()).isEqualTo(3).isEqualTo(summary.jobs());
        assertThat(summary.requestsByEndpoint().keySet()).allMatch(endpoint -> endpoint.equals(
                "GET /repos/{owner}/{repo}/actions/runners") || endpoint.endsWith("/registration-token"));
        assertThat(summary.actionsByEndpoint().get("POST /_apis/runtime/runnerscalesets/{id}/generatejitconfig")[0])
                .isGreaterThanOrEqualTo(3);
        assertThat(summary.actionsByEndpoint()).containsKeys("GET /queue/{session}/messages",
                "POST /_apis/runtime/runnerscalesets/{id}/acquirejobs");
        assertThat(ResultTable.markdown(List.of(summary))).contains("| ours | scaleset | 3/3 |");
        assertNoContainerLeft(run);
    }

    private static void assertNoContainerLeft(DockerRun run) throws IOException {
        try (DockerClient docker = DockerClientFactory.fromEnvironment()) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("runner-orchestrator.instance", run.instanceId())).exec()).isEmpty();
        }
    }
}
