package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.port.BackendDescription;
import io.runnerorchestrator.core.port.RunnerBackendProvider;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The swarm backend's settings as an operator writes them, read through its provider as app does. */
class SwarmBackendProviderTest {

    private static SwarmBackendSetup configure(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new SwarmBackendProvider().configure(new EnvReader(env), "provider-test");
    }

    @Test
    void isFoundByServiceLoaderAsSwarm() {
        assertThat(ServiceLoader.load(RunnerBackendProvider.class).stream().map(p -> p.get().name()))
                .contains("swarm");
    }

    @Test
    void defaultsToHostNetworkNoLimitsAnyNode() {
        SwarmBackendSetup setup = configure();

        assertThat(setup.settings().network()).isEqualTo("host");
        assertThat(setup.settings().image()).isEqualTo(SwarmSettings.DEFAULT_IMAGE);
        assertThat(setup.settings().nanoCpus()).isEmpty();
        assertThat(setup.settings().memoryBytes()).isEmpty();
        assertThat(setup.settings().constraints()).isEmpty();
        assertThat(setup.dockerHost()).isEmpty();
        assertThat(setup.securityWarnings()).isEmpty();
    }

    @Test
    void readsEverySetting() {
        SwarmBackendSetup setup = configure("DOCKER_HOST", "tcp://manager:2376", "ORCHESTRATOR_RUNNER_IMAGE",
                "ghcr.io/acme/runner:2", "ORCHESTRATOR_RUNNER_NETWORK", "ci-overlay", "ORCHESTRATOR_RUNNER_CPUS", "1.5",
                "ORCHESTRATOR_RUNNER_MEMORY", "2g", "ORCHESTRATOR_SWARM_CONSTRAINTS",
                " node.labels.ci == true ,node.role!=manager", "ORCHESTRATOR_RUNNER_DOCKER", "none");

        assertThat(setup.dockerHost()).contains("tcp://manager:2376");
        assertThat(setup.settings()).isEqualTo(new SwarmSettings("provider-test", "ghcr.io/acme/runner:2", "ci-overlay",
                Optional.of(1_500_000_000L), Optional.of(2L << 30), List.of("node.labels.ci==true", "node.role!=manager")));
        BackendDescription description = setup.describe();
        assertThat(description.backend()).isEqualTo("swarm");
        assertThat(description.cpus()).contains(1.5);
        assertThat(description.details()).containsEntry("swarm_constraints", "node.labels.ci==true,node.role!=manager")
                .containsEntry("docker_host", "tcp://manager:2376");
    }

    @Test
    void badValuesFailInOneLineNamingTheVariable() {
        assertBad("ORCHESTRATOR_SWARM_CONSTRAINTS", "node.labels.ci=true");
        assertBad("ORCHESTRATOR_SWARM_CONSTRAINTS", "node.labels.ci==true,,node.role==worker");
        assertBad("ORCHESTRATOR_SWARM_CONSTRAINTS", "==x");
        assertBad("ORCHESTRATOR_RUNNER_CPUS", "lots");
        assertBad("ORCHESTRATOR_RUNNER_CPUS", "0");
        assertBad("ORCHESTRATOR_RUNNER_MEMORY", "1m");
        assertBad("ORCHESTRATOR_RUNNER_NETWORK", "no such/net");
        assertBad("ORCHESTRATOR_RUNNER_IMAGE", "two words");
        assertBad("DOCKER_HOST", "manager:2376");
        assertBad("ORCHESTRATOR_RUNNER_DOCKER", "dind");
        assertBad("ORCHESTRATOR_RUNNER_PIDS", "4096");
    }

    private static void assertBad(String variable, String value) {
        assertThatThrownBy(() -> configure(variable, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
