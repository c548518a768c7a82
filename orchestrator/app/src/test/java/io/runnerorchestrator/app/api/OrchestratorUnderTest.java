package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.config.ConfigLoader;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole orchestrator against a GitHub simulator on loopback and the real Docker engine, with
 * fake-runner:local containers on the host network. Every context gets its own instance id, so
 * cleanup touches only its own containers. Subclasses adjust the environment; imported by tests,
 * deliberately not annotated, so the component scan never picks it up.
 */
public abstract class OrchestratorUnderTest {

    public static final String REPOSITORY = "acme/app";
    public static final String GITHUB_TOKEN = "ghp_apiTestTokenThatMustNeverBeLogged";
    public static final String API_TOKEN = "api-token-that-must-never-be-logged";
    public static final String WEBHOOK_SECRET = "webhook-secret-that-must-never-be-logged";
    public static final String IMAGE = "fake-runner:local";

    /** The environment every test orchestrator shares: host network, no Docker in runners, loopback only. */
    public static Map<String, String> baseEnvironment(String simulatorUrl, String instanceId) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", GITHUB_TOKEN);
        env.put("GITHUB_REPO", REPOSITORY);
        env.put("GITHUB_API_URL", simulatorUrl);
        env.put("GITHUB_URL", simulatorUrl);
        env.put("ORCHESTRATOR_INSTANCE_ID", instanceId);
        env.put("ORCHESTRATOR_RUNNER_IMAGE", IMAGE);
        env.put("ORCHESTRATOR_RUNNER_NETWORK", "host");
        env.put("ORCHESTRATOR_RUNNER_DOCKER", "none");
        env.put("ORCHESTRATOR_RUNNER_LABELS", "self-hosted,linux,x64,docker");
        env.put("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "60s");
        env.put("WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("API_TOKEN", API_TOKEN);
        env.put("MIN_RUNNERS", "0");
        env.put("MAX_RUNNERS", "3");
        env.put("POLL_INTERVAL", "2s");
        env.put("IDLE_TIMEOUT", "10m");
        return env;
    }

    public static String uniqueInstanceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Changes to {@link #baseEnvironment} for one test class. */
    protected abstract void adjust(Map<String, String> env);

    protected String instancePrefix() {
        return "api-test";
    }

    @Bean(destroyMethod = "close")
    GitHubSimulator gitHubSimulator() {
        return GitHubSimulator.start(SimConfig.builder().host("127.0.0.1").port(0).token(GITHUB_TOKEN)
                .repository(REPOSITORY).offlineAfter(Duration.ofSeconds(5)).build());
    }

    @Bean
    OrchestratorConfig orchestratorConfig(GitHubSimulator sim) {
        Map<String, String> env = new HashMap<>(baseEnvironment(sim.baseUrl(), uniqueInstanceId(instancePrefix())));
        adjust(env);
        env.values().removeIf(value -> value == null);
        return new ConfigLoader(() -> "test-host").load(env, false);
    }
}
