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
 * against the embedded simulator and webhooks: every job done on a runner the orchestrator started,
 * and no container of the run left behind.
 */
class DockerBenchTest {

    @Test
    void aBurstOnRealDockerCompletesAndLeavesNoContainer() throws IOException {
        Trace burst = new Trace("burst-3", 0, "a matrix of 3 jobs of 1 s", Duration.ofSeconds(5),
                List.of(new TraceRun(Duration.ZERO, 3, Duration.ofSeconds(1))));
        ScalingSettings scaling = new ScalingSettings(1, 3, 3, 1, Duration.ofSeconds(300), Duration.ofSeconds(2),
                Duration.ofSeconds(60));
        DockerOptions options = new DockerOptions(DockerOptions.FAKE_RUNNER_IMAGE, Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        DockerRun run = new DockerRun(new RunSetup(burst, BenchPolicy.OURS, Mode.WEBHOOK, scaling, Duration.ZERO,
                Duration.ofSeconds(1)), options);

        RunSummary summary = RunSummary.of(run.run());

        assertThat(summary.completed()).isEqualTo(3).isEqualTo(summary.jobs());
        assertThat(summary.pickupSeconds().count()).isEqualTo(3);
        assertThat(summary.busyRunnerSeconds()).isGreaterThanOrEqualTo(3);
        assertThat(summary.countedPerJob()).isPositive();
        assertThat(ResultTable.markdown(List.of(summary))).contains("| ours | webhook | 3/3 |");
        try (DockerClient docker = DockerClientFactory.fromEnvironment()) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("runner-orchestrator.instance", run.instanceId())).exec()).isEmpty();
        }
    }
}
