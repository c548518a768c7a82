package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import io.runnerorchestrator.core.port.BackendDescription;
import io.runnerorchestrator.core.port.BackendSetup;
import io.runnerorchestrator.core.port.RunnerBackend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runner services on the Swarm whose manager DOCKER_HOST names (the local socket when unset). */
public record SwarmBackendSetup(SwarmSettings settings, Optional<String> dockerHost) implements BackendSetup {

    /** docker-java's default when DOCKER_HOST is unset. */
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    @Override
    public BackendDescription describe() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("docker_access", "none");
        details.put("docker_host", dockerHost.orElse(DEFAULT_DOCKER_HOST));
        details.put("swarm_constraints", settings.constraints().isEmpty() ? "(any node)"
                : String.join(",", settings.constraints()));
        return new BackendDescription(SwarmBackendProvider.NAME, settings.image(), settings.network(),
                settings.nanoCpus().map(n -> n / 1e9), settings.memoryBytes(), Optional.empty(), details);
    }

    @Override
    public List<String> securityWarnings() {
        return List.of();
    }

    @Override
    public RunnerBackend open() {
        DockerClient docker = SwarmClientFactory.create(dockerHost);
        return new SwarmRunnerBackend(docker, settings, dockerHost.orElse(DEFAULT_DOCKER_HOST));
    }
}
