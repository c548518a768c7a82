package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import io.runnerorchestrator.core.port.RunnerBackendException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOCKER_HOST decides which engine is used, and a missing engine is reported, not thrown at the health check. */
class DockerClientFactoryTest {

    private static final String NO_ENGINE = "unix:///tmp/runner-orchestrator-test-no-engine.sock";

    @Test
    void explicitDockerHostReachesTheEngine() throws IOException {
        try (DockerClient docker = DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"))) {
            DockerHealth.Status status = new DockerHealth(docker).check();

            assertThat(status.up()).isTrue();
            assertThat(status.detail()).startsWith("Docker ").contains("(API 1.");
        }
    }

    @Test
    void dockerHostWithoutAnEngineIsReportedDown() throws IOException {
        try (DockerClient docker = DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", NO_ENGINE))) {
            DockerHealth.Status status = new DockerHealth(docker).check();

            assertThat(status.up()).isFalse();
            assertThat(status.detail()).startsWith("Docker engine unreachable: ");
        }
    }

    @Test
    void backendOnAnUnreachableEngineStatesTheCause() throws IOException {
        try (DockerClient docker = DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", NO_ENGINE))) {
            DockerRunnerBackend backend = new DockerRunnerBackend(docker, new DockerRunnerSettings("factory-test",
                    "apex-runner:local", RunnerNetwork.HOST, DockerRunnerSettings.DockerAccess.NONE, Optional.empty(),
                    Optional.empty()));

            assertThatThrownBy(backend::list)
                    .isInstanceOf(RunnerBackendException.class)
                    .hasMessageStartingWith("runner *: listing containers failed: Docker engine unreachable: ");
        }
    }
}
