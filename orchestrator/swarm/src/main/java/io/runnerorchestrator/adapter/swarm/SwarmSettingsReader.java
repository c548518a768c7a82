package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.config.RunnerLimits;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Swarm backend's variables. Limits have no default sized from the orchestrator's host (as the
 * docker backend's have): runners run on other machines, whose size only the operator knows.
 */
final class SwarmSettingsReader {

    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DOCKER_HOST = Pattern.compile("(unix|tcp|npipe|ssh)://.+");
    /** What `docker service create --constraint` takes: an attribute, == or !=, a value. */
    private static final Pattern CONSTRAINT = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*\\s*(==|!=)\\s*[^\\s=!]+");

    private final EnvReader env;

    SwarmSettingsReader(EnvReader env) {
        this.env = env;
    }

    SwarmSettings runners(String instanceId) {
        String image = env.string("ORCHESTRATOR_RUNNER_IMAGE", SwarmSettings.DEFAULT_IMAGE);
        if (image.chars().anyMatch(Character::isWhitespace)) {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_IMAGE", image, "must not contain spaces");
        }
        String network = env.string("ORCHESTRATOR_RUNNER_NETWORK", SwarmSettings.DEFAULT_NETWORK);
        if (!NETWORK.matcher(network).matches()) {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_NETWORK", network,
                    "is not a Docker network name (host, or an attachable overlay network)");
        }
        // Swarm services cannot be privileged, and a node's socket mounted into jobs would hand them the node.
        env.optional("ORCHESTRATOR_RUNNER_DOCKER").filter(v -> !v.strip().equalsIgnoreCase("none")).ifPresent(v -> {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_DOCKER", v,
                    "is not supported by the swarm backend (Swarm services cannot be privileged); use none");
        });
        // The Swarm API of docker-java has no pids limit: refusing beats a limit silently not applied.
        env.optional("ORCHESTRATOR_RUNNER_PIDS").ifPresent(v -> {
            throw EnvReader.invalid("ORCHESTRATOR_RUNNER_PIDS", v, "is not supported by the swarm backend; unset it");
        });
        Optional<Long> nanoCpus = env.optional("ORCHESTRATOR_RUNNER_CPUS").map(v -> rule(() -> RunnerLimits.nanoCpus(v)));
        Optional<Long> memory = env.optional("ORCHESTRATOR_RUNNER_MEMORY")
                .map(v -> rule(() -> RunnerLimits.memoryBytes(v)));
        List<String> constraints = constraints();
        return rule(() -> new SwarmSettings(instanceId, image, network, nanoCpus, memory, constraints));
    }

    /** ORCHESTRATOR_SWARM_CONSTRAINTS: comma-separated, e.g. {@code node.labels.ci==true,node.role==worker}. */
    List<String> constraints() {
        Optional<String> raw = env.optional("ORCHESTRATOR_SWARM_CONSTRAINTS");
        if (raw.isEmpty() || raw.get().isBlank()) {
            return List.of();
        }
        List<String> constraints = Arrays.stream(raw.get().split(",")).map(String::strip).toList();
        for (String constraint : constraints) {
            if (!CONSTRAINT.matcher(constraint).matches()) {
                throw EnvReader.invalid("ORCHESTRATOR_SWARM_CONSTRAINTS", raw.get(),
                        "must be comma-separated constraints like node.labels.ci==true (bad: '" + constraint + "')");
            }
        }
        return constraints.stream().map(c -> c.replaceAll("\\s+", "")).toList();
    }

    Optional<String> dockerHost() {
        Optional<String> configured = env.optional("DOCKER_HOST");
        configured.filter(h -> !DOCKER_HOST.matcher(h).matches()).ifPresent(h -> {
            throw EnvReader.invalid("DOCKER_HOST", h,
                    "must name a Swarm manager like unix:///var/run/docker.sock or tcp://manager:2376");
        });
        return configured;
    }

    /** The formats' own messages already name the variable. */
    private static <T> T rule(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EnvReader.oneLine(e.getMessage()));
        }
    }
}
