package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner network on the real engine. Networks are only created and inspected here: no container
 * joins them, so no traffic is ever sent on a bridge.
 */
class RunnerNetworkTest {

    private DockerClient docker;
    private String dedicated;
    private final List<String> createdByTest = new ArrayList<>();

    @BeforeEach
    void connect() {
        docker = DockerClientFactory.fromEnvironment();
        dedicated = TestDocker.uniqueId("runner-orchestrator-test-net");
        createdByTest.add(dedicated);
    }

    @AfterEach
    void removeNetworks() throws IOException {
        for (String network : createdByTest) {
            try {
                if (docker.inspectNetworkCmd().withNetworkId(network).exec().getContainers().isEmpty()) {
                    docker.removeNetworkCmd(network).exec();
                }
            } catch (NotFoundException e) {
                // Never created.
            }
        }
        docker.close();
    }

    @Test
    void dedicatedNetworkIsCreatedOnceAsALabelledBridge() {
        RunnerNetwork network = new RunnerNetwork(docker, dedicated, dedicated);

        assertThat(network.ensure()).isEqualTo(dedicated);
        assertThat(network.ensure()).isEqualTo(dedicated);

        List<Network> named = docker.listNetworksCmd().withNameFilter(dedicated).exec().stream()
                .filter(found -> found.getName().equals(dedicated)).toList();
        assertThat(named).singleElement().satisfies(found -> {
            assertThat(found.getDriver()).isEqualTo("bridge");
            assertThat(found.getLabels()).containsEntry("managed-by", "runner-orchestrator");
        });
    }

    @Test
    void hostIsUsedAsIsAndNothingIsCreated() {
        RunnerNetwork network = new RunnerNetwork(docker, RunnerNetwork.HOST, dedicated);

        assertThat(network.ensure()).isEqualTo("host");
        assertThatThrownBy(() -> docker.inspectNetworkCmd().withNetworkId(dedicated).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anExistingNetworkIsUsedAsIs() {
        String existing = TestDocker.uniqueId("runner-orchestrator-test-existing");
        createdByTest.add(existing);
        docker.createNetworkCmd().withName(existing).withDriver("bridge").exec();

        assertThat(new RunnerNetwork(docker, existing, dedicated).ensure()).isEqualTo(existing);
        assertThatThrownBy(() -> docker.inspectNetworkCmd().withNetworkId(dedicated).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnknownNetworkOtherThanTheDedicatedOneIsAClearErrorAndIsNotCreated() {
        String unknown = TestDocker.uniqueId("runner-orchestrator-test-unknown");
        createdByTest.add(unknown);
        RunnerNetwork network = new RunnerNetwork(docker, unknown, dedicated);

        assertThatThrownBy(network::ensure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("network " + unknown + " does not exist on the Docker engine; create it, or set"
                        + " ORCHESTRATOR_RUNNER_NETWORK to host or leave it unset for the dedicated network " + dedicated);
        assertThatThrownBy(() -> docker.inspectNetworkCmd().withNetworkId(unknown).exec())
                .isInstanceOf(NotFoundException.class);
    }
}
