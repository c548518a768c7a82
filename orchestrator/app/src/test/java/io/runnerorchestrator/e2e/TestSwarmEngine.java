package io.runnerorchestrator.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.runnerorchestrator.adapter.swarm.OwnerLabels;
import io.runnerorchestrator.adapter.swarm.SwarmClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The single-node swarm the swarm end-to-end tests run runners on: never the shared engine (which
 * must not be put in swarm mode), but a private dockerd. scripts/test.sh starts one and names its
 * manager in ORCHESTRATOR_TEST_SWARM_HOST; without that, the test class starts its own through
 * {@link PrivateDockerd} ({@code swarm init --advertise-addr 127.0.0.1}, the fake runner image
 * loaded) and destroys it in {@link #close()}.
 */
final class TestSwarmEngine implements AutoCloseable {

    static final String VARIABLE = "ORCHESTRATOR_TEST_SWARM_HOST";
    /** The node label the constraint tests place by. */
    static final String NODE_LABEL = "ci";

    private final String host;
    private final Optional<PrivateDockerd> own;
    private final DockerClient client;

    private TestSwarmEngine(String host, Optional<PrivateDockerd> own) {
        this.host = host;
        this.own = own;
        this.client = SwarmClientFactory.create(Optional.of(host));
    }

    static TestSwarmEngine start() {
        E2eDocker.buildFakeRunnerImage();
        String given = System.getenv(VARIABLE);
        if (given != null && !given.isBlank()) {
            TestSwarmEngine engine = new TestSwarmEngine(given, Optional.empty());
            engine.loadFakeRunner();
            return engine;
        }
        PrivateDockerd dockerd = PrivateDockerd.start("swarm-e2e", Path.of("target", "e2e-logs", "swarm-e2e-dockerd.log"));
        try {
            TestSwarmEngine engine = new TestSwarmEngine(dockerd.host(), Optional.of(dockerd));
            engine.run(dockerd.cli("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"));
            engine.loadFakeRunner();
            return engine;
        } catch (RuntimeException | AssertionError e) {
            dockerd.close();
            throw e;
        }
    }

    /** The fake runner image as the shared engine has it now (build-image.sh may have rebuilt it). */
    private void loadFakeRunner() {
        List<String> load = new ArrayList<>(List.of("sh", "-c", "docker save " + E2eDocker.FAKE_RUNNER_IMAGE
                + " | docker -H " + host + " load -q"));
        run(load);
        String self = run(List.of("docker", "-H", host, "node", "ls", "-q")).strip().lines().findFirst().orElseThrow();
        run(List.of("docker", "-H", host, "node", "update", "--label-add", NODE_LABEL + "=true", self));
    }

    String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** `docker service inspect NAME` as an operator reads it. */
    String inspectService(String name) {
        return run(List.of("docker", "-H", host, "service", "inspect", name));
    }

    List<Service> services(String instanceId) {
        return client.listServicesCmd().withLabelFilter(Map.of(OwnerLabels.INSTANCE, instanceId)).exec();
    }

    List<Secret> secrets(String instanceId) {
        return client.listSecretsCmd().withLabelFilter(Map.of(OwnerLabels.INSTANCE, instanceId)).exec();
    }

    /** Names of this instance's runner services whose task runs now (`docker service ps` shows Running). */
    Set<String> running(String instanceId) {
        try {
            return runningNow(instanceId);
        } catch (NotFoundException e) {
            return runningNow(instanceId); // a service went between listing it and its tasks
        }
    }

    private Set<String> runningNow(String instanceId) {
        List<Service> services = services(instanceId);
        if (services.isEmpty()) {
            return Set.of();
        }
        Map<String, String> names = services.stream().collect(Collectors.toMap(Service::getId, s -> s.getSpec().getName()));
        return client.listTasksCmd().withServiceFilter(names.keySet().toArray(String[]::new)).exec().stream()
                .filter(t -> t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING)
                .map(Task::getServiceId).map(names::get).collect(Collectors.toSet());
    }

    /** Removes every service and secret of this instance; nothing else. */
    void removeAll(String instanceId) {
        services(instanceId).forEach(s -> ignoreMissing(() -> client.removeServiceCmd(s.getId()).exec()));
        secrets(instanceId).forEach(s -> ignoreMissing(() -> client.removeSecretCmd(s.getId()).exec()));
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone: the outcome we want
        } catch (RuntimeException e) {
            // a secret still held by a task being shut down: the private engine goes with the test anyway
            System.out.println("e2e.swarm.cleanup_failed error=" + e.getMessage());
        }
    }

    private String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // what matters is the engine below
        }
        own.ifPresent(PrivateDockerd::close);
    }
}
