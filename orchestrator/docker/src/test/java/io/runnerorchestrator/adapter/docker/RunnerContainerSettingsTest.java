package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.RunnerLimits;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner container settings (Docker access, limits, network, command) as the engine shows them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerContainerSettingsTest {

    private TestDocker docker;
    private String instanceId;

    @BeforeAll
    void buildImage() {
        docker = TestDocker.start();
    }

    @AfterAll
    void removeImage() throws IOException {
        docker.close();
    }

    @BeforeEach
    void newInstance() {
        instanceId = TestDocker.uniqueId("settings-test");
    }

    @AfterEach
    void removeContainers() {
        docker.removeContainersOf(instanceId);
    }

    @Test
    void dindRunsPrivilegedWithAnAnonymousVolumeForTheInnerDaemon() {
        // Created, not started: this sandboxed engine refuses privileged capabilities at start.
        DockerRunnerSettings settings = settings(DockerAccess.DIND, Optional.empty(), Optional.empty());
        RunnerContainerConfig config = new RunnerContainerConfig(settings, new ContainerLabels(instanceId));
        String id = config.apply(docker.client().createContainerCmd(docker.image()),
                new RunnerSpec(instanceId + "-r1", Map.of(), List.of()), RunnerNetwork.HOST).exec().getId();
        InspectContainerResponse container = docker.inspect(id);

        assertThat(container.getHostConfig().getPrivileged()).isTrue();
        assertThat(binds(container)).isEmpty();
        assertThat(container.getConfig().getEnv()).as("tells the runner image to start its own daemon")
                .contains("ORCHESTRATOR_RUNNER_DOCKER=dind");
        assertThat(container.getMounts()).anySatisfy(mount -> {
            assertThat(mount.getDestination().getPath()).isEqualTo("/var/lib/docker");
            assertThat(mount.getName()).isNotBlank();
        });
    }

    @Test
    void socketMountsTheHostDockerSocketWithoutPrivileges() {
        InspectContainerResponse container = start(DockerAccess.SOCKET, Optional.empty(), Optional.empty());

        assertThat(container.getHostConfig().getPrivileged()).isFalse();
        assertThat(binds(container)).containsExactly("/var/run/docker.sock -> /var/run/docker.sock");
        assertThat(container.getHostConfig().getGroupAdd()).as("the socket's group, so a non-root runner may use it")
                .containsExactly(socketGroup());
        assertThat(container.getConfig().getEnv()).contains("ORCHESTRATOR_RUNNER_DOCKER=socket");
    }

    @Test
    void noneGivesNeitherPrivilegesNorTheSocket() {
        InspectContainerResponse container = start(DockerAccess.NONE, Optional.empty(), Optional.empty());

        assertThat(container.getHostConfig().getPrivileged()).isFalse();
        assertThat(binds(container)).isEmpty();
        assertThat(container.getMounts()).noneSatisfy(mount ->
                assertThat(mount.getDestination().getPath()).isEqualTo("/var/lib/docker"));
    }

    @Test
    void cpuAndMemoryLimitsReachTheContainer() {
        InspectContainerResponse container = start(DockerAccess.NONE, Optional.of(RunnerLimits.nanoCpus("0.5")),
                Optional.of(RunnerLimits.memoryBytes("64m")));

        assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(container.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void thePidsLimitReachesTheContainer() {
        String name = instanceId + "-r1";
        new DockerRunnerBackend(docker.client(), new DockerRunnerSettings(instanceId, docker.image(), RunnerNetwork.HOST,
                DockerAccess.NONE, Optional.empty(), Optional.empty(), Optional.of(RunnerLimits.pids("4096"))))
                .start(new RunnerSpec(name, Map.of(), List.of()));

        assertThat(docker.inspect(name).getHostConfig().getPidsLimit()).isEqualTo(4096L);
    }

    @Test
    void withoutLimitsTheContainerIsUnlimited() {
        InspectContainerResponse container = start(DockerAccess.NONE, Optional.empty(), Optional.empty());

        assertThat(container.getHostConfig().getNanoCPUs()).isZero();
        assertThat(container.getHostConfig().getMemory()).isZero();
    }

    @Test
    void hostNetworkAndTheImageOwnCommandWhenNoneIsGiven() {
        InspectContainerResponse container = start(DockerAccess.NONE, Optional.empty(), Optional.empty());

        assertThat(container.getHostConfig().getNetworkMode()).isEqualTo("host");
        assertThat(container.getConfig().getCmd()).containsExactly("sleep", "86400");
        assertThat(container.getState().getRunning()).isTrue();
    }

    private InspectContainerResponse start(DockerAccess access, Optional<Long> nanoCpus, Optional<Long> memory) {
        String name = instanceId + "-r1";
        new DockerRunnerBackend(docker.client(), settings(access, nanoCpus, memory))
                .start(new RunnerSpec(name, Map.of(), List.of()));
        return docker.inspect(name);
    }

    private DockerRunnerSettings settings(DockerAccess access, Optional<Long> nanoCpus, Optional<Long> memory) {
        return new DockerRunnerSettings(instanceId, docker.image(), RunnerNetwork.HOST, access, nanoCpus, memory);
    }

    private static List<String> binds(InspectContainerResponse container) {
        Bind[] binds = container.getHostConfig().getBinds();
        return binds == null ? List.of() : Arrays.stream(binds)
                .map(bind -> bind.getPath() + " -> " + bind.getVolume().getPath())
                .toList();
    }

    private static String socketGroup() {
        try {
            return String.valueOf(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/var/run/docker.sock"), "unix:gid"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
