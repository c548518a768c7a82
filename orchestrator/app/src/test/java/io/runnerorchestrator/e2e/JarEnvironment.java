package io.runnerorchestrator.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The environment the real jar runs with in end-to-end tests: GitHub is the in-test simulator, runners are fake-runner containers on the host network. */
public final class JarEnvironment {

    private JarEnvironment() {
    }

    /** A fresh, mutable map; the runner prefix is the instance id. */
    public static Map<String, String> againstSimulator(String simUrl, String token, String repo, String webhookSecret,
                                                       String instanceId, Duration pollInterval) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        env.put("GITHUB_TOKEN", token);
        env.put("GITHUB_REPO", repo);
        env.put("GITHUB_API_URL", simUrl);
        env.put("GITHUB_URL", simUrl);
        env.put("WEBHOOK_SECRET", webhookSecret);
        env.put("ORCHESTRATOR_INSTANCE_ID", instanceId);
        env.put("ORCHESTRATOR_RUNNER_PREFIX", instanceId);
        env.put("ORCHESTRATOR_RUNNER_IMAGE", E2eDocker.FAKE_RUNNER_IMAGE);
        env.put("ORCHESTRATOR_RUNNER_NETWORK", "host");
        env.put("ORCHESTRATOR_RUNNER_DOCKER", "none");
        env.put("PORT", "0");
        env.put("POLL_INTERVAL", pollInterval.toSeconds() + "s");
        env.put("IDLE_TIMEOUT", "5s");
        env.put("STRUCTURED_LOGGING", "false");
        return env;
    }
}
