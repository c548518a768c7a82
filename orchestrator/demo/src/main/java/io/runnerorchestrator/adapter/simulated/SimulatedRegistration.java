package io.runnerorchestrator.adapter.simulated;

import io.runnerorchestrator.core.port.RunnerSpec;
import io.runnerorchestrator.githubsim.RunnerRegistration;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link RunnerSpec}'s environment the way the fake runner image does: a JIT config in
 * {@code ACTIONS_RUNNER_INPUT_JITCONFIG}, or token mode (the RUNNER_TOKEN_FILE secret file or RUNNER_TOKEN,
 * RUNNER_SCOPE, REPO_URL or ORG_NAME + GITHUB_HOST, LABELS, EPHEMERAL). Messages never quote the
 * environment: it holds credentials.
 */
final class SimulatedRegistration {

    static final String JIT_CONFIG = "ACTIONS_RUNNER_INPUT_JITCONFIG";

    private SimulatedRegistration() {
    }

    /** Throws {@link IllegalArgumentException} naming what is missing or unreadable. */
    static RunnerRegistration of(RunnerSpec spec) {
        Map<String, String> env = spec.environment();
        if (env.containsKey(JIT_CONFIG)) {
            try {
                return RunnerRegistration.jit(env.get(JIT_CONFIG));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(JIT_CONFIG + " is not a JIT config github-sim can read");
            }
        }
        String token = spec.registrationToken().orElse(env.get("RUNNER_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("neither " + JIT_CONFIG
                    + " nor a registration token (RUNNER_TOKEN_FILE) is set");
        }
        return RunnerRegistration.token(scopeUrl(env), token, spec.name(), labels(env.getOrDefault("LABELS", "")),
                Boolean.parseBoolean(env.getOrDefault("EPHEMERAL", "false")));
    }

    private static String scopeUrl(Map<String, String> env) {
        if ("org".equals(env.getOrDefault("RUNNER_SCOPE", "repo"))) {
            String host = require(env, "GITHUB_HOST");
            String base = host.contains("://") ? host : "http://" + host;
            return base.replaceAll("/+$", "") + "/" + require(env, "ORG_NAME");
        }
        return require(env, "REPO_URL");
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static List<String> labels(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
