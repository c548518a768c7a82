package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.e2e.demo.FakeRunnerImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real engine (DOCKER_HOST or the default socket) and an address where nothing listens. */
class DockerProbeTest {

    @BeforeAll
    static void buildImage() throws Exception {
        FakeRunnerImage.ensureBuilt();
    }

    @Test
    void anEngineWithTheRunnerImageMeansRunnerContainers() {
        RunnerChoice choice = DockerProbe.probe(Optional.ofNullable(System.getenv("DOCKER_HOST")), FakeRunnerImage.TAG);

        assertThat(choice.docker()).isTrue();
        assertThat(choice.description()).startsWith("Docker containers of fake-runner:local on ").contains("API");
    }

    @Test
    void noEngineMeansSimulatedRunnersAndSaysWhereItLooked() {
        RunnerChoice choice = DockerProbe.probe(Optional.of("unix:///nonexistent-demo-probe.sock"), FakeRunnerImage.TAG);

        assertThat(choice.docker()).isFalse();
        assertThat(choice.description()).startsWith("no Docker engine reachable at unix:///nonexistent-demo-probe.sock")
                .endsWith(": using simulated runners");
    }

    @Test
    void anEngineWithoutTheImageMeansSimulatedRunnersAndSaysHowToBuildIt() {
        String missing = "runner-orchestrator-test/missing:" + UUID.randomUUID().toString().substring(0, 8);

        RunnerChoice choice = DockerProbe.probe(Optional.ofNullable(System.getenv("DOCKER_HOST")), missing);

        assertThat(choice.docker()).isFalse();
        assertThat(choice.description()).contains("has no image " + missing, DockerProbe.BUILD_HINT)
                .endsWith(": using simulated runners");
    }
}
