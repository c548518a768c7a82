package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import io.runnerorchestrator.core.port.BackendDescription;
import io.runnerorchestrator.core.port.BackendSetup;
import io.runnerorchestrator.core.port.RunnerBackend;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runner containers on the Docker engine DOCKER_HOST names (docker-java's default, the local socket,
 * when unset).
 */
public record DockerBackendSetup(DockerRunnerSettings settings, Optional<String> dockerHost) implements BackendSetup {

    /** docker-java's default when DOCKER_HOST is unset. */
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    @Override
    public BackendDescription describe() {
        return new BackendDescription(DockerBackendProvider.NAME, settings.image(), settings.network(),
                settings.nanoCpus().map(n -> n / 1e9), settings.memoryBytes(), settings.pidsLimit(),
                Map.of("docker_access", settings.dockerAccess().name().toLowerCase(Locale.ROOT),
                        "docker_host", dockerHost.orElse(DEFAULT_DOCKER_HOST)));
    }

    @Override
    public List<String> securityWarnings() {
        DockerRunnerSettings.DockerAccess access = settings.dockerAccess();
        return access.risk().map(risk -> "ORCHESTRATOR_RUNNER_DOCKER=" + access.name().toLowerCase(Locale.ROOT)
                + ": " + risk + " (use none, or a rootless or sysbox runtime; see README, Docker access)").stream().toList();
    }

    @Override
    public RunnerBackend open() {
        DockerClient docker = dockerHost
                .map(host -> DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", host)))
                .orElseGet(DockerClientFactory::fromEnvironment);
        return new DockerRunnerBackend(docker, settings, dockerHost.orElse(DEFAULT_DOCKER_HOST));
    }
}
