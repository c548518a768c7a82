package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.runnerorchestrator.adapter.docker.ContainerLabels;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Docker engine as the tests see it: containers by instance label, containers planted
 * beside the orchestrator's, and cleanup of exactly what one test made.
 */
public final class E2eDocker implements AutoCloseable {

    public static final String FAKE_RUNNER_IMAGE = "fake-runner:local";
    private static final Path BUILD_SCRIPT = Path.of("..", "..", "github-sim", "fake-runner", "build-image.sh");

    private final DockerClient client;
    /** Containers a test planted (foreign ones included), removed by id at the end. */
    private final List<String> planted = new ArrayList<>();

    /** The engine the test process's environment names (the machine's shared one here). */
    public E2eDocker() {
        this.client = DockerClientFactory.fromEnvironment();
    }

    /** The engine at {@code dockerHost}, e.g. a {@link PrivateDockerd}'s. */
    public E2eDocker(String dockerHost) {
        this.client = DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", dockerHost));
    }

    /** Builds {@value #FAKE_RUNNER_IMAGE}; the script does nothing when the image is up to date. */
    public static void buildFakeRunnerImage() {
        try {
            Process build = new ProcessBuilder("sh", BUILD_SCRIPT.toString()).redirectErrorStream(true).start();
            String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(build.waitFor(120, TimeUnit.SECONDS)).as("build-image.sh finished").isTrue();
            assertThat(build.exitValue()).as("build-image.sh: %s", output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BUILD_SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the fake runner image", e);
        }
    }

    public DockerClient client() {
        return client;
    }

    /** Every container (running or not) carrying this instance's label. */
    public List<Container> containers(String instanceId) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.INSTANCE, instanceId)).exec();
    }

    /** Names of the running containers of this instance, as `docker ps --filter label=...` shows them. */
    List<String> running(String instanceId) {
        return client.listContainersCmd().withLabelFilter(Map.of(ContainerLabels.INSTANCE, instanceId)).exec()
                .stream().map(E2eDocker::name).toList();
    }

    InspectContainerResponse inspect(String nameOrId) {
        return client.inspectContainerCmd(nameOrId).exec();
    }

    boolean exists(String nameOrId) {
        try {
            inspect(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** A container with no labels at all, running {@code sleep} on the host network: someone else's. */
    String runForeign(String name) {
        String id = client.createContainerCmd(FAKE_RUNNER_IMAGE).withName(name).withCmd("sleep", "600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
        planted.add(id);
        client.startContainerCmd(id).exec();
        return id;
    }

    /** A container with this instance's labels that already ran and exited 0, as a finished runner leaves it. */
    String plantExited(String instanceId, String runnerName) {
        String id = client.createContainerCmd(FAKE_RUNNER_IMAGE).withName(runnerName).withCmd("true")
                .withLabels(new ContainerLabels(instanceId).forRunner(runnerName))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
        planted.add(id);
        client.startContainerCmd(id).exec();
        await("planted container exits").atMost(Duration.ofSeconds(30))
                .until(() -> !Boolean.TRUE.equals(inspect(id).getState().getRunning()));
        return id;
    }

    /**
     * A container with this instance's labels that was created and never started, as a start cut short
     * by an engine restart leaves it.
     */
    String plantCreated(String instanceId, String runnerName) {
        String id = client.createContainerCmd(FAKE_RUNNER_IMAGE).withName(runnerName).withCmd("true")
                .withLabels(new ContainerLabels(instanceId).forRunner(runnerName))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")).exec().getId();
        planted.add(id);
        return id;
    }

    /** Removes every container of this instance and every one this object planted; nothing else. */
    public void removeAll(String instanceId) {
        containers(instanceId).forEach(c -> remove(c.getId()));
        planted.forEach(this::remove);
        planted.clear();
    }

    private void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone: the outcome we want
        } catch (ConflictException e) {
            // "removal already in progress": the orchestrator, stopped a moment ago, was removing it
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                throw e;
            }
        }
    }

    static String name(Container container) {
        return container.getNames()[0].replaceFirst("^/", "");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
