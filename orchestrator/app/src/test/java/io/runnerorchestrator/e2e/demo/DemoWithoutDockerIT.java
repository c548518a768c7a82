package io.runnerorchestrator.e2e.demo;

import io.runnerorchestrator.adapter.simulated.SimulatedRunnerBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo where no Docker engine answers: it says so in one line, and simulated runners still complete jobs. */
class DemoWithoutDockerIT {

    private static final String NOWHERE = "unix:///nonexistent-demo-it.sock";
    private DemoProcess demo;

    @AfterEach
    void cleanUp() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void simulatedRunnersCompleteTheJobsAndStoppingIsClean(@TempDir Path dir) throws Exception {
        demo = new DemoProcess(dir, Map.of("DOCKER_HOST", NOWHERE));

        URI simState = demo.awaitReady();
        assertThat(demo.stdout().lines().filter(line -> line.startsWith("runner-orchestrator demo: no Docker engine")))
                .singleElement().asString()
                .startsWith("runner-orchestrator demo: no Docker engine reachable at " + NOWHERE)
                .endsWith(": using simulated runners");

        demo.assertStatusShowsTheDemo(simState);

        Map<String, String> busyImages = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            busyImages.putAll(demo.busyRunnerImages());
            assertThat(busyImages).as("runners the API showed busy").isNotEmpty();
            assertThat(demo.runnersOfSucceededJobs(simState)).as("runners of completed jobs").isNotEmpty()
                    .allMatch(name -> name.startsWith(demo.instanceId + "-"));
        });

        assertThat(busyImages.values()).containsOnly(SimulatedRunnerBackend.IMAGE);

        assertThat(demo.terminate()).isZero();
        assertThat(demo.answers(simState)).as("the embedded simulator stopped with the demo").isFalse();
        assertThat(demo.stdout() + demo.stderr()).doesNotContain(demo.webhookSecret);
    }
}
