package io.runnerorchestrator.app.demo;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;
import io.runnerorchestrator.adapter.docker.DockerHealth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Whether the demo can run real runner containers: a Docker engine answers and has the runner image. */
final class DockerProbe {

    /** docker-java's default when DOCKER_HOST is unset. */
    static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    static final String BUILD_HINT = "github-sim/fake-runner/build-image.sh";

    private DockerProbe() {
    }

    static RunnerChoice probe(Optional<String> dockerHost, String image) {
        String where = dockerHost.orElse(DEFAULT_DOCKER_HOST);
        try (DockerClient docker = dockerHost
                .map(host -> DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", host)))
                .orElseGet(DockerClientFactory::fromEnvironment)) {
            DockerHealth.Status engine = new DockerHealth(docker).check();
            if (!engine.up()) {
                return RunnerChoice.simulated("no Docker engine reachable at " + where + " (" + engine.detail() + ")");
            }
            if (!hasImage(docker, image)) {
                return RunnerChoice.simulated("the Docker engine at " + where + " has no image " + image
                        + " (build it with " + BUILD_HINT + ")");
            }
            return RunnerChoice.containers("Docker containers of " + image + " on " + where + ", " + engine.detail());
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client of the demo's probe", e);
        }
    }

    private static boolean hasImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
