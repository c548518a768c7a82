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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A start that cannot succeed says why in words and leaves no container behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartFailureTest {

    private static final String SECRET = "jit-config-c2VjcmV0LXZhbHVl";

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
        instanceId = TestDocker.uniqueId("failure-test");
    }

    @AfterEach
    void removeContainers() {
        docker.removeContainersOf(instanceId);
    }

    @Test
    void missingImageIsNamedWithAHintAndLeavesNoContainer() {
        String image = "runner-orchestrator-test/missing:" + instanceId;
        DockerRunnerBackend backend = backend(new DockerRunnerSettings(instanceId, image, RunnerNetwork.HOST,
                DockerRunnerSettings.DockerAccess.NONE, Optional.empty(), Optional.empty()));
        String name = instanceId + "-r1";

        assertThatThrownBy(() -> backend.start(spec(name, List.of())))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessage("runner " + name + ": image " + image + " not found locally; build it on this Docker engine"
                        + " (docker build -t " + image + " <dir>) or load it (docker load), or set"
                        + " ORCHESTRATOR_RUNNER_IMAGE to an image the engine has");
        assertThat(docker.containerExists(name)).isFalse();
    }

    @Test
    void commandThatCannotRunIsStatedAndItsContainerRemoved() {
        DockerRunnerBackend backend = backend(docker.settings(instanceId));
        String name = instanceId + "-r1";

        assertThatThrownBy(() -> backend.start(spec(name, List.of("/no/such/runner"))))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessageStartingWith("runner " + name + ": starting container ")
                .hasMessageContaining("failed: Docker answered ")
                .hasMessageContaining("/no/such/runner");
        assertThat(docker.containerExists(name)).isFalse();
        assertThat(backend.list()).isEmpty();
    }

    @Test
    void secretsInTheEnvironmentAppearInNoMessage() {
        DockerRunnerBackend backend = backend(docker.settings(instanceId));
        String name = instanceId + "-r1";

        RunnerBackendException failure = catchThrowableOfType(RunnerBackendException.class,
                () -> backend.start(spec(name, List.of("/no/such/" + SECRET))));

        assertThat(failure.getMessage()).contains("/no/such/" + Redactor.MASK).doesNotContain(SECRET);
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain(SECRET);
        }
    }

    @Test
    void unknownNetworkIsNamedAndLeavesNoContainer() {
        String network = instanceId + "-no-such-network";
        DockerRunnerBackend backend = backend(new DockerRunnerSettings(instanceId, docker.image(), network,
                DockerRunnerSettings.DockerAccess.NONE, Optional.empty(), Optional.empty()));
        String name = instanceId + "-r1";

        assertThatThrownBy(() -> backend.start(spec(name, List.of())))
                .isInstanceOf(RunnerBackendException.class)
                .hasMessageStartingWith("runner " + name + ": network " + network + " does not exist on the Docker engine;");
        assertThat(docker.containerExists(name)).isFalse();
    }

    private DockerRunnerBackend backend(DockerRunnerSettings settings) {
        return new DockerRunnerBackend(docker.client(), settings);
    }

    private static RunnerSpec spec(String name, List<String> command) {
        return new RunnerSpec(name, Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", SECRET), command);
    }
}
