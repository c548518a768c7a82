package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.util.List;
import java.util.Map;

/** What a runner container is made of: the spec's name, env and command plus the settings' image, access and limits. */
final class RunnerContainerConfig {

    static final String DOCKER_SOCKET = "/var/run/docker.sock";
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
            case SOCKET -> host.withBinds(new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET)));
            case NONE -> { }
        }
        settings.nanoCpus().ifPresent(host::withNanoCPUs);
        settings.memoryBytes().ifPresent(host::withMemory);
        return host;
    }

    private static List<String> environment(RunnerSpec spec) {
        return spec.environment().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
    }
}
