package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.config.RunnerLimits;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How runner services are made.
 *
 * @param instanceId  value of the {@code runner-orchestrator.instance} label: whose services and secrets these are
 * @param network     {@code host}, or an existing attachable overlay network
 * @param nanoCpus    CPUs per runner in 1e-9 CPUs, reserved (the scheduler places by it) and the limit
 * @param memoryBytes memory per runner, reserved and the limit
 * @param constraints placement constraints, e.g. {@code node.labels.ci==true}; empty: any node
 */
public record SwarmSettings(String instanceId, String image, String network, Optional<Long> nanoCpus,
                            Optional<Long> memoryBytes, List<String> constraints) {

    public static final String DEFAULT_IMAGE = "apex-runner:local";
    /** Host networking needs no network to exist on every node; an overlay must be created first. */
    public static final String DEFAULT_NETWORK = "host";

    public SwarmSettings {
        requireText(instanceId, "instance id (runner-orchestrator.instance label)");
        requireText(image, "ORCHESTRATOR_RUNNER_IMAGE");
        requireText(network, "ORCHESTRATOR_RUNNER_NETWORK");
        Objects.requireNonNull(nanoCpus, "nanoCpus");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        nanoCpus.ifPresent(RunnerLimits::checkNanoCpus);
        memoryBytes.ifPresent(RunnerLimits::checkMemoryBytes);
        constraints = List.copyOf(constraints);
    }

    boolean hostNetwork() {
        return DEFAULT_NETWORK.equals(network);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
