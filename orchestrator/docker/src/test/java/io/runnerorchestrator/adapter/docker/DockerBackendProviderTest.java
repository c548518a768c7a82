package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker backend as app meets it: through its provider, from the environment, and its health as
 * readiness and the demo ask it, against the real engine.
 */
class DockerBackendProviderTest {

    private static final String NO_ENGINE = "unix:///tmp/runner-orchestrator-test-no-engine.sock";
    private static TestDocker docker;

    @BeforeAll
    static void engine() {
        docker = TestDocker.start();
    }

    @AfterAll
    static void close() throws IOException {
        docker.close();
    }

    private static DockerBackendSetup configure(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        Optional.ofNullable(System.getenv("DOCKER_HOST")).ifPresent(host -> env.putIfAbsent("DOCKER_HOST", host));
        return new DockerBackendProvider(new HostCapacity(4, 8L << 30)).configure(new EnvReader(env), "provider-test");
    }

    @Test
    void upWhenTheEngineAnswersAndHasTheImage() {
        try (RunnerBackend backend = configure("ORCHESTRATOR_RUNNER_IMAGE", docker.image()).open()) {
            BackendHealth health = backend.health();

            assertThat(backend.name()).isEqualTo("docker");
            assertThat(health.up()).as(health.detail()).isTrue();
            assertThat(health.detail()).startsWith("Docker ").contains("(API 1.", ", image " + docker.image());
        }
    }

    @Test
    void downWithoutTheImageSayingWhichOne() {
        String missing = "runner-orchestrator-test/missing:" + TestDocker.uniqueId("img");

        try (RunnerBackend backend = configure("ORCHESTRATOR_RUNNER_IMAGE", missing).open()) {
            BackendHealth health = backend.health();

            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains("has no image " + missing, "ORCHESTRATOR_RUNNER_IMAGE");
        }
    }

    @Test
    void downWithoutAnEngineSayingWhereItLooked() {
        try (RunnerBackend backend = configure("DOCKER_HOST", NO_ENGINE).open()) {
            BackendHealth health = backend.health();

            assertThat(health.up()).isFalse();
            assertThat(health.detail()).startsWith("no Docker engine reachable at " + NO_ENGINE);
        }
    }

    @Test
    void describesItsSettingsAndWarnsOfDockerAccess() {
        DockerBackendSetup setup = configure("ORCHESTRATOR_RUNNER_DOCKER", "dind", "ORCHESTRATOR_RUNNER_CPUS", "1.5");

        assertThat(setup.describe().backend()).isEqualTo("docker");
        assertThat(setup.describe().cpus()).contains(1.5);
        assertThat(setup.describe().memoryBytes()).as("three quarters of 8 GiB").contains(6L << 30);
        assertThat(setup.describe().details()).containsEntry("docker_access", "dind");
        assertThat(setup.securityWarnings()).singleElement()
                .satisfies(w -> assertThat(w).startsWith("ORCHESTRATOR_RUNNER_DOCKER=dind: privileged"));
        assertThat(configure().securityWarnings()).as("no Docker access by default").isEmpty();
    }
}
