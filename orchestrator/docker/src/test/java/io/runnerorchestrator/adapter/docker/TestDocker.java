package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Docker engine for the tests, plus a tiny image built on the spot from the host's static
 * busybox (no registry here): {@code sleep} by default, with an anonymous volume at /data.
 * Everything it removes carries a test's own instance id or owner label.
 */
final class TestDocker implements AutoCloseable {

    /** Marks containers a test made outside the backend (foreign ones), so cleanup can find them. */
    static final String OWNER_LABEL = "runner-orchestrator-test.owner";
    static final String VOLUME_PATH = "/data";
    private static final String BUSYBOX = "/bin/busybox";
    private static final List<String> APPLETS = List.of("sh", "sleep", "echo", "head", "tail", "cat", "false");

    private final DockerClient client;
    private final String image;

    private TestDocker(DockerClient client, String image) {
        this.client = client;
        this.image = image;
    }

    /** Connects to the engine the environment names and builds the test image. */
    static TestDocker start() {
        String image = "runner-orchestrator-test/busybox:" + uniqueId("img");
        buildImage(image);
        return new TestDocker(DockerClientFactory.fromEnvironment(), image);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    DockerClient client() {
        return client;
    }

    String image() {
        return image;
    }

    /** Host networking, no Docker access, no limits: the plainest runner. */
    DockerRunnerSettings settings(String instanceId) {
        return new DockerRunnerSettings(instanceId, image, RunnerNetwork.HOST, DockerAccess.NONE, Optional.empty(),
                Optional.empty());
    }

    InspectContainerResponse inspect(String nameOrId) {
        return client.inspectContainerCmd(nameOrId).exec();
    }

    boolean containerExists(String nameOrId) {
        try {
            inspect(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** A sleeping container the backend did not make, owned by the test through {@link #OWNER_LABEL}. */
    String startForeign(String name, String owner, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(OWNER_LABEL, owner);
        String id = client.createContainerCmd(image).withName(name).withLabels(all)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(RunnerNetwork.HOST)).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    /** Removes every container carrying this id as instance or owner label, with its volumes. */
    void removeContainersOf(String id) {
        List<Container> containers = new ArrayList<>();
        containers.addAll(client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.INSTANCE, id)).exec());
        containers.addAll(client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(OWNER_LABEL, id)).exec());
        for (Container container : containers) {
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // Already gone.
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            client.removeImageCmd(image).exec();
        } finally {
            client.close();
        }
    }

    private static void buildImage(String tag) {
        try {
            Path dir = Files.createTempDirectory("runner-orchestrator-test-image");
            Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
            Files.copy(Path.of(BUSYBOX), rootfs.resolve("busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
            }
            Path tar = dir.resolve("rootfs.tar");
            run("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".");
            run("docker", "import", "--change", "VOLUME " + VOLUME_PATH, "--change", "CMD [\"sleep\", \"86400\"]",
                    tar.toString(), tag);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building test image " + tag, e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
    }
}
