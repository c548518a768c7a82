package io.runnerorchestrator.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A runner that dies at once is retried with backoff, one probe at a time: no create/remove storm. */
class StartFailureE2EIT {

    /** Containers in the first minute: exponential backoff from 15 s allows about 3; a storm would make dozens. */
    private static final int MOST_CONTAINERS_PER_MINUTE = 6;

    private OrchestratorHarness harness;

    @AfterEach
    void cleanUp() throws IOException {
        harness.close();
    }

    @Test
    void backsOffWhenEveryRunnerExitsAtOnce() {
        harness = OrchestratorHarness.create("broken");
        OrchestratorProcess orchestrator = harness.startOrchestrator(Map.of("MIN_RUNNERS", "1", "MAX_RUNNERS", "3",
                "ORCHESTRATOR_RUNNER_COMMAND", "/bin/false"));
        harness.enqueue(3, Duration.ofSeconds(1), "self-hosted");
        // The first pass starts a runner per job side by side, before any failure is known; from the
        // first failure on, one probe at a time.
        await("the first failures start the backoff").atMost(Duration.ofSeconds(60))
                .until(() -> !orchestrator.events("runner.start.backoff").isEmpty());
        harness.watch().resetMaxRunning();

        await("containers created stay few for a minute").during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(75))
                .until(() -> harness.watch().created().size() <= MOST_CONTAINERS_PER_MINUTE);

        System.out.printf("e2e.measure test=broken-image containers_created_in_60s=%d%n",
                harness.watch().created().size());
        assertThat(harness.watch().created()).as("it kept probing").hasSizeGreaterThanOrEqualTo(2);
        assertThat(harness.watch().maxRunning()).as("probes at a time, once backing off").isLessThanOrEqualTo(1);
        assertThat(orchestrator.events("runner.start.backoff")).isNotEmpty();
    }
}
