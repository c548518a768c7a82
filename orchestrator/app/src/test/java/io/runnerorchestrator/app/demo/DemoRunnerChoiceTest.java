package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.demo.DemoEnvironment;
import io.runnerorchestrator.demo.RunnerChoice;
import io.runnerorchestrator.e2e.demo.FakeRunnerImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo asks the configured backend whether it can run runners: containers on the real engine
 * when it answers and has the image, simulated runners otherwise, with the reason in one line.
 */
class DemoRunnerChoiceTest {

    private final ConfigLoader loader = new ConfigLoader(() -> "some-host");

    @BeforeAll
    static void buildImage() throws Exception {
        FakeRunnerImage.ensureBuilt();
    }

    private RunnerChoice choice(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        Optional.ofNullable(System.getenv("DOCKER_HOST")).ifPresent(host -> env.put("DOCKER_HOST", host));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return RunnerChoice.probe(loader.load(DemoEnvironment.withDefaults(env), true).backend());
    }

    @Test
    void anEngineWithTheRunnerImageMeansRunnerContainers() {
        RunnerChoice choice = choice();

        assertThat(choice.docker()).isTrue();
        assertThat(choice.description()).startsWith("runner containers of fake-runner:local (docker backend): Docker ")
                .contains("API");
    }

    @Test
    void noEngineMeansSimulatedRunnersAndSaysWhereItLooked() {
        RunnerChoice choice = choice("DOCKER_HOST", "unix:///nonexistent-demo-probe.sock");

        assertThat(choice.docker()).isFalse();
        assertThat(choice.description()).startsWith("no Docker engine reachable at unix:///nonexistent-demo-probe.sock")
                .endsWith(": using simulated runners");
    }

    @Test
    void anEngineWithoutTheImageMeansSimulatedRunnersAndNamesTheImage() {
        String missing = "runner-orchestrator-test/missing:" + UUID.randomUUID().toString().substring(0, 8);

        RunnerChoice choice = choice("ORCHESTRATOR_RUNNER_IMAGE", missing);

        assertThat(choice.docker()).isFalse();
        assertThat(choice.description()).contains("has no image " + missing).endsWith(": using simulated runners");
    }
}
