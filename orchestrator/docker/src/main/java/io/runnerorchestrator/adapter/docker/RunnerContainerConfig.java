package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a runner container is made of: the spec's name, env and command plus the settings' image, access and limits. */
final class RunnerContainerConfig {

    static final String DOCKER_SOCKET = "/var/run/docker.sock";
    /** Read by the runner image's entrypoint (runner-image/entrypoint.sh). */
    static final String DOCKER_ACCESS_ENV = "ORCHESTRATOR_RUNNER_DOCKER";
    /** The inner daemon's storage: overlayfs cannot sit on the container's own overlay root, so it needs a volume. */
    static final String DIND_STORAGE = "/var/lib/docker";

    private final DockerRunnerSettings settings;
    private final ContainerLabels labels;

    RunnerContainerConfig(DockerRunnerSettings settings, ContainerLabels labels) {
        this.settings = settings;
        this.labels = labels;
    }

    CreateContainerCmd apply(CreateContainerCmd cmd, RunnerSpec spec, String networkMode) {
        cmd.withName(spec.name())
                .withLabels(labels.forRunner(spec.name()))
                .withEnv(environment(spec))
                .withHostConfig(hostConfig(networkMode));
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (settings.dockerAccess() == DockerRunnerSettings.DockerAccess.DIND) {
            // Anonymous, so removing the container with its volumes frees the inner daemon's images.
            cmd.withVolumes(new Volume(DIND_STORAGE));
        }
        return cmd;
    }

    HostConfig hostConfig(String networkMode) {
        // No auto-remove: an exited runner stays until we remove it, so its logs and exit can be read.
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(networkMode).withAutoRemove(false);
        switch (settings.dockerAccess()) {
            case DIND -> host.withPrivileged(true);
            case SOCKET -> {
                host.withBinds(new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET)));
                // The runner image runs as a non-root user: it may use the socket only as a member of its group.
                socketGroup().ifPresent(gid -> host.withGroupAdd(List.of(gid)));
            }
            case NONE -> { }
        }
        settings.nanoCpus().ifPresent(host::withNanoCPUs);
        settings.memoryBytes().ifPresent(host::withMemory);
        settings.pidsLimit().ifPresent(host::withPidsLimit);
        return host;
    }

    /** The spec's environment plus the Docker access mode, which tells the runner image whether to start its own daemon. */
    private List<String> environment(RunnerSpec spec) {
        Map<String, String> env = new TreeMap<>(spec.environment());
        env.put(DOCKER_ACCESS_ENV, settings.dockerAccess().name().toLowerCase(Locale.ROOT));
        return env.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
    }

    /** Numeric group of the local Docker socket, when it is a local file (not for a remote DOCKER_HOST). */
    private static Optional<String> socketGroup() {
        try {
            return Optional.of(String.valueOf(Files.getAttribute(Path.of(DOCKER_SOCKET), "unix:gid")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
