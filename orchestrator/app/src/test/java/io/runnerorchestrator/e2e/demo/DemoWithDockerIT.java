package io.runnerorchestrator.e2e.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.runnerorchestrator.adapter.docker.ContainerLabels;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as a user runs it, with a Docker engine: real fake-runner containers take the simulator's
 * jobs, and SIGTERM leaves exit status 0 and none of the demo's containers behind.
 */
class DemoWithDockerIT {

    private final DockerClient docker = DockerClientFactory.fromEnvironment();
    private DemoProcess demo;

    @BeforeAll
    static void buildImage() throws Exception {
        FakeRunnerImage.ensureBuilt();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (demo != null) {
            demo.close();
            containers().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true)
                    .exec());
        }
        docker.close();
    }

    @Test
    void jobsRunInRunnerContainersAndStoppingLeavesNoContainerBehind(@TempDir Path dir) throws Exception {
        demo = new DemoProcess(dir, Optional.ofNullable(System.getenv("DOCKER_HOST"))
                .map(host -> Map.of("DOCKER_HOST", host)).orElse(Map.of()));

        URI simState = demo.awaitReady();
        assertThat(demo.stdout()).contains("runner-orchestrator demo: runner containers of fake-runner:local (docker backend): Docker ");
        JsonNode configuration = demo.assertStatusShowsTheDemo(simState);
        assertThat(configuration.path("runner_image").asString()).isEqualTo(FakeRunnerImage.TAG);

        Set<String> containersSeen = ConcurrentHashMap.newKeySet();
        Map<String, String> busyImages = new ConcurrentHashMap<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            containers().forEach(c -> containersSeen.add(c.getNames()[0].replaceFirst("^/", "")));
            busyImages.putAll(demo.busyRunnerImages());
            assertThat(busyImages).as("runners the API showed busy").isNotEmpty();
            assertThat(demo.runnersOfSucceededJobs(simState)).filteredOn(containersSeen::contains)
                    .as("jobs completed by the demo's runner containers").isNotEmpty();
        });
        assertThat(containersSeen).allMatch(name -> name.startsWith(demo.instanceId + "-"));
        assertThat(busyImages.values()).containsOnly(FakeRunnerImage.TAG);

        assertThat(demo.terminate()).isZero();
        assertThat(containers()).as("containers of instance %s after the demo stopped", demo.instanceId).isEmpty();
        assertThat(demo.answers(simState)).as("the embedded simulator stopped with the demo").isFalse();
        assertThat(demo.stdout() + demo.stderr()).doesNotContain(demo.webhookSecret);
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.INSTANCE, demo.instanceId)).exec();
    }
}
