package io.runnerorchestrator.app.api;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.runnerorchestrator.adapter.docker.ContainerLabels;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** A test's own runner containers, found by its instance label and nothing else. */
public final class OwnContainers implements AutoCloseable {

    private final DockerClient docker = DockerClientFactory.fromEnvironment();
    private final String instanceId;

    public OwnContainers(String instanceId) {
        this.instanceId = instanceId;
    }

    public List<Container> list() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.INSTANCE, instanceId)).exec();
    }

    public List<String> runningNames() {
        return list().stream().filter(c -> "running".equals(c.getState()))
                .map(c -> c.getLabels().get(ContainerLabels.RUNNER)).toList();
    }

    public boolean exists(String runnerName) {
        try {
            InspectContainerResponse container = docker.inspectContainerCmd(runnerName).exec();
            return instanceId.equals(container.getConfig().getLabels().get(ContainerLabels.INSTANCE));
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The container's environment, e.g. to learn the JIT config the orchestrator handed it. */
    public List<String> environment(String runnerName) {
        return List.of(docker.inspectContainerCmd(runnerName).exec().getConfig().getEnv());
    }

    /** Removes every container of this instance, even after a failed test. */
    public void removeAll() {
        for (Container container : list()) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // Gone already: the orchestrator removed it meanwhile.
            }
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
