package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The ORCHESTRATOR_RUNNER_* variables every backend shares: whose runners these are, how they are
 * named and registered. How they are contained (image, network, limits) the backend's module reads.
 */
final class RunnerConfigReader {

    static final List<String> DEFAULT_LABELS = List.of("self-hosted", "linux", "x64");
    static final String JIT_COMMAND = "/home/runner/run.sh";
    private static final int MAX_LABELS = 100;
    private static final int MAX_PREFIX_LENGTH = 40;
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern LABEL = Pattern.compile("[^\\s,]{1,256}");

    private final EnvReader env;
    private final String instanceId;

    RunnerConfigReader(EnvReader env, Supplier<String> hostname) {
        this.env = env;
        this.instanceId = instanceId(env, hostname);
    }

    String instanceId() {
        return instanceId;
    }

    RunnerSettings runner(GitHubSettings github) {
        RegistrationMode mode = env.choice("ORCHESTRATOR_RUNNER_MODE", RegistrationMode.JIT, RegistrationMode.class);
        long groupId = env.wholeNumber("ORCHESTRATOR_RUNNER_GROUP_ID", 1, 1);
        return new RunnerSettings(prefix(), labels(), mode, groupId, command(mode), "_work",
                github.scope(), github.webUrl().toString());
    }

    private static String instanceId(EnvReader env, Supplier<String> hostname) {
        Optional<String> configured = env.optional("ORCHESTRATOR_INSTANCE_ID");
        String id = configured.orElseGet(() -> defaultInstanceId(hostname.get()));
        if (!INSTANCE_ID.matcher(id).matches()) {
            throw EnvReader.invalid("ORCHESTRATOR_INSTANCE_ID", id, "must be letters, digits, '.', '_' or '-' (at most 63)");
        }
        return id;
    }

    /** The host name made acceptable as an instance id, so an odd host name never stops the start. */
    private static String defaultInstanceId(String host) {
        String cleaned = host.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.isEmpty() ? "runner-orchestrator" : cleaned;
    }

    private String prefix() {
        Optional<String> configured = env.optional("ORCHESTRATOR_RUNNER_PREFIX");
        if (configured.isPresent()) {
            if (!PREFIX.matcher(configured.get()).matches()) {
                throw EnvReader.invalid("ORCHESTRATOR_RUNNER_PREFIX", configured.get(),
                        "must be lowercase letters, digits and inner '-' (at most " + MAX_PREFIX_LENGTH + ")");
            }
            return configured.get();
        }
        return derivePrefix(instanceId);
    }

    /** Container and runner names allow fewer characters than an instance id: keep [a-z0-9-]. */
    static String derivePrefix(String instanceId) {
        String sanitized = instanceId.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-+", "");
        if (sanitized.length() > MAX_PREFIX_LENGTH) {
            sanitized = sanitized.substring(0, MAX_PREFIX_LENGTH);
        }
        sanitized = sanitized.replaceAll("-+$", "");
        return sanitized.isEmpty() ? "runner" : sanitized;
    }

    private List<String> labels() {
        Optional<String> raw = env.optional("ORCHESTRATOR_RUNNER_LABELS");
        if (raw.isEmpty()) {
            return DEFAULT_LABELS;
        }
        List<String> labels = new ArrayList<>();
        for (String item : raw.get().split(",")) {
            String label = item.trim();
            if (label.isEmpty() || labels.stream().anyMatch(label::equalsIgnoreCase)) {
                continue;
            }
            if (!LABEL.matcher(label).matches()) {
                throw EnvReader.invalid("ORCHESTRATOR_RUNNER_LABELS", raw.get(), "has a label with spaces: " + EnvReader.quote(label));
            }
            labels.add(label);
        }
        if (labels.isEmpty()) {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_LABELS", raw.get(), "has no labels");
        }
        if (labels.size() > MAX_LABELS) {
            throw new ConfigException("ORCHESTRATOR_RUNNER_LABELS has " + labels.size() + " labels, GitHub allows at most " + MAX_LABELS);
        }
        return labels;
    }

    /** Split on spaces; the JIT default starts the runner with its config taken from the environment. */
    private List<String> command(RegistrationMode mode) {
        return env.optional("ORCHESTRATOR_RUNNER_COMMAND")
                .map(c -> Arrays.asList(c.split("\\s+")))
                .orElse(mode == RegistrationMode.JIT ? List.of(JIT_COMMAND) : List.of());
    }
}
