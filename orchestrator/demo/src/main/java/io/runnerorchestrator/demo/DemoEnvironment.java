package io.runnerorchestrator.demo;

import io.runnerorchestrator.core.config.Secret;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment the demo runs with: demo defaults under whatever the user set, then GitHub
 * replaced by the embedded simulator. The result goes through the ordinary configuration loader,
 * so the demo adds no special cases to the rest of the application.
 */
public final class DemoEnvironment {

    /** Used where the user set nothing (a blank value counts as unset, as everywhere). */
    static final Map<String, String> DEFAULTS = Map.of(
            // Never the host name: a real orchestrator on this host keeps its containers when the demo stops.
            "ORCHESTRATOR_INSTANCE_ID", "runner-orchestrator-demo",
            "ORCHESTRATOR_RUNNER_IMAGE", "fake-runner:local",
            // The fake runner reaches the simulator on 127.0.0.1 and needs no Docker of its own.
            "ORCHESTRATOR_RUNNER_NETWORK", "host",
            "ORCHESTRATOR_RUNNER_DOCKER", "none",
            "POLL_INTERVAL", "5s",
            "IDLE_TIMEOUT", "30s",
            "STRUCTURED_LOGGING", "false");

    /** Where GitHub App variables start; the simulator is reached with a token, so they are dropped. */
    private static final String GITHUB_APP_PREFIX = "GITHUB_APP_";

    private DemoEnvironment() {
    }

    public static Map<String, String> withDefaults(Map<String, String> environment) {
        Map<String, String> result = new HashMap<>(environment);
        DEFAULTS.forEach((name, value) -> {
            String set = result.get(name);
            if (set == null || set.isBlank()) {
                result.put(name, value);
            }
        });
        return result;
    }

    /**
     * GitHub is the simulator at {@code simulatorUrl}, reached with {@code token}; its webhooks are
     * signed with {@code webhookSecret}.
     */
    public static Map<String, String> pointedAt(Map<String, String> environment, String simulatorUrl, Secret token,
                                         Secret webhookSecret) {
        Map<String, String> result = new HashMap<>(environment);
        result.keySet().removeIf(name -> name.startsWith(GITHUB_APP_PREFIX));
        result.put("GITHUB_API_URL", simulatorUrl);
        result.put("GITHUB_URL", simulatorUrl);
        result.put("GITHUB_TOKEN", token.reveal());
        result.put("WEBHOOK_SECRET", webhookSecret.reveal());
        return result;
    }
}
