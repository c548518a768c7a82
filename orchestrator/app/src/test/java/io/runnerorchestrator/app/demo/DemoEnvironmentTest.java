package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.demo.DemoEnvironment;

import io.runnerorchestrator.adapter.docker.DockerBackendSetup;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;
import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.config.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's environment goes through the ordinary loader: its defaults yield to the user's values, GitHub does not. */
class DemoEnvironmentTest {

    private static final String SIM = "http://127.0.0.1:40001";
    private final ConfigLoader loader = new ConfigLoader(() -> "some-host");

    private static DockerRunnerSettings settings(OrchestratorConfig config) {
        return ((DockerBackendSetup) config.backend()).settings();
    }

    @Test
    void withNothingSetTheDemoRunsFakeRunnersOnTheHostNetworkUnderItsOwnInstanceId() {
        OrchestratorConfig config = loader.load(DemoEnvironment.withDefaults(Map.of()), true);

        assertThat(settings(config).image()).isEqualTo("fake-runner:local");
        assertThat(settings(config).network()).isEqualTo("host");
        assertThat(settings(config).dockerAccess()).isEqualTo(DockerAccess.NONE);
        // Not the host name: stopping the demo must never remove a real orchestrator's containers on this host.
        assertThat(config.instanceId()).isEqualTo("runner-orchestrator-demo");
        assertThat(config.scaling().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.logging().structured()).isFalse();
        assertThat(config.github().scope().repository()).isEqualTo(ConfigLoader.DEMO_REPOSITORY);
    }

    @Test
    void whatTheUserSetWinsOverTheDemoDefaultsAndBlankCountsAsUnset() {
        Map<String, String> user = Map.of("ORCHESTRATOR_RUNNER_IMAGE", "my-runner:dev", "POLL_INTERVAL", "2s",
                "ORCHESTRATOR_INSTANCE_ID", "demo-it-1", "ORCHESTRATOR_RUNNER_NETWORK", " ");

        OrchestratorConfig config = loader.load(DemoEnvironment.withDefaults(user), true);

        assertThat(settings(config).image()).isEqualTo("my-runner:dev");
        assertThat(config.scaling().pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.instanceId()).isEqualTo("demo-it-1");
        assertThat(settings(config).network()).isEqualTo("host");
    }

    @Test
    void gitHubIsTheSimulatorWhateverTheUserSet() {
        Map<String, String> user = new HashMap<>(Map.of("GITHUB_TOKEN", "ghp_users_own_token",
                "GITHUB_API_URL", "https://github.example.com/api/v3", "GITHUB_APP_ID", "12345",
                "GITHUB_APP_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----"));

        Map<String, String> demo = DemoEnvironment.pointedAt(DemoEnvironment.withDefaults(user), SIM,
                Secret.of("ghp_sim_token"), Secret.of("whsec_demo_secret"));
        OrchestratorConfig config = loader.load(demo, true);

        assertThat(demo).doesNotContainKeys("GITHUB_APP_ID", "GITHUB_APP_PRIVATE_KEY");
        assertThat(config.github().apiUrl()).isEqualTo(URI.create(SIM));
        assertThat(config.github().webUrl()).isEqualTo(URI.create(SIM));
        assertThat(config.github().token()).map(Secret::reveal).contains("ghp_sim_token");
        assertThat(config.http().webhookSecret()).map(Secret::reveal).contains("whsec_demo_secret");
        assertThat(config.runner().githubUrl()).isEqualTo(SIM);
    }
}
