package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Containers without this instance's labels are invisible and untouchable, even under a runner's name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipTest {

    private TestDocker docker;
    private String instanceId;
    private String otherInstanceId;
    private DockerRunnerBackend backend;

    @BeforeAll
    void buildImage() {
        docker = TestDocker.start();
    }

    @AfterAll
    void removeImage() throws IOException {
        docker.close();
    }

    @BeforeEach
    void newInstances() {
        instanceId = TestDocker.uniqueId("owner-test");
        otherInstanceId = TestDocker.uniqueId("owner-test-other");
        backend = new DockerRunnerBackend(docker.client(), docker.settings(instanceId));
    }

    @AfterEach
    void removeContainers() {
        docker.removeContainersOf(instanceId);
        docker.removeContainersOf(otherInstanceId);
    }

    @Test
    void unlabelledContainerIsNeitherListedNorRemovable() {
        String name = instanceId + "-foreign";
        docker.startForeign(name, instanceId, Map.of());

        assertThat(backend.list()).isEmpty();
        assertThatThrownBy(() -> backend.remove(name))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessageContaining("runner " + name + ": container ")
                .hasMessageContaining("is not managed by this orchestrator instance");
        assertThatThrownBy(() -> backend.logs(name, 10)).isInstanceOf(RunnerBackendException.class);
        assertThat(docker.inspect(name).getState().getRunning()).isTrue();
    }

    @Test
    void containerManagedForAnotherInstanceIsNeitherListedNorRemovable() {
        String name = otherInstanceId + "-r1";
        new DockerRunnerBackend(docker.client(), docker.settings(otherInstanceId))
                .start(new RunnerSpec(name, Map.of(), List.of()));

        assertThat(backend.list()).isEmpty();
        assertThatThrownBy(() -> backend.remove(name))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessageContaining("is not managed by this orchestrator instance");
        assertThat(docker.inspect(name).getState().getRunning()).isTrue();
    }

    @Test
    void managedByLabelAloneIsNotOwnership() {
        String name = instanceId + "-half";
        docker.startForeign(name, instanceId, Map.of(ContainerLabels.MANAGED_BY, ContainerLabels.MANAGED_BY_VALUE));

        assertThat(backend.list()).isEmpty();
        assertThatThrownBy(() -> backend.remove(name)).isInstanceOf(RunnerBackendException.class);
        assertThat(docker.containerExists(name)).isTrue();
    }

    @Test
    void removingARunnerThatHasNoContainerIsANoOp() {
        backend.remove(instanceId + "-never-started");

        assertThat(backend.list()).isEmpty();
    }
}
