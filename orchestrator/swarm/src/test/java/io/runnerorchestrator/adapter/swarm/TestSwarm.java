package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The swarm the tests run on: a private single-node swarm whose manager ORCHESTRATOR_TEST_SWARM_HOST
 * names (scripts/test.sh starts it; never the shared engine, which must not be put in swarm mode); the
 * fake runner image is copied into it from the shared engine. Without it the tests are skipped, except under CI=true, where a
 * missing swarm fails them.
 */
final class TestSwarm implements AutoCloseable {

    static final String VARIABLE = "ORCHESTRATOR_TEST_SWARM_HOST";
    static final String IMAGE = "fake-runner:local";

    private final String host;
    private final DockerClient client;

    private TestSwarm(String host) {
        this.host = host;
        this.client = SwarmClientFactory.create(Optional.of(host));
    }

    static TestSwarm fromEnvironment() {
        String host = System.getenv(VARIABLE);
        if (host == null || host.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(VARIABLE + " is not set: scripts/test.sh starts the test swarm");
            }
            Assumptions.abort(VARIABLE + " not set (scripts/test.sh starts a private swarm for these tests)");
        }
        TestSwarm swarm = new TestSwarm(host);
        swarm.loadImageOnce();
        return swarm;
    }

    private static boolean imageLoaded;

    /** The fake runner image as the shared engine has it (build-image.sh builds it), copied in once per JVM. */
    private synchronized void loadImageOnce() {
        synchronized (TestSwarm.class) {
            if (!imageLoaded) {
                run(List.of("sh", "-c", "docker save " + IMAGE + " | docker -H " + host + " load -q"));
                imageLoaded = true;
            }
        }
    }

    String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** Output of the docker CLI against this swarm. */
    String cli(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A secret with this instance's labels and no service, as a crash between secret and service leaves it. */
    void plantSecret(String instanceId, String name) {
        String runner = name.substring(0, name.indexOf("-secret-"));
        client.createSecretCmd(new SecretSpec().withName(name)
                .withData("planted")
                .withLabels(new OwnerLabels(instanceId).forRunner(runner))).exec();
    }

    List<Secret> secrets(String instanceId) {
        return client.listSecretsCmd().withLabelFilter(Map.of(OwnerLabels.INSTANCE, instanceId)).exec();
    }

    List<String> secretNames(String instanceId) {
        return secrets(instanceId).stream().map(s -> s.getSpec().getName()).toList();
    }

    /** Removes every service and secret with this instance's label; nothing else. */
    void removeAll(String instanceId) {
        client.listServicesCmd().withLabelFilter(Map.of(OwnerLabels.INSTANCE, instanceId)).exec()
                .forEach(s -> ignoreMissing(() -> client.removeServiceCmd(s.getId()).exec()));
        secrets(instanceId).forEach(s -> ignoreMissing(() -> client.removeSecretCmd(s.getId()).exec()));
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // the test's outcome is what matters
        }
    }
}
