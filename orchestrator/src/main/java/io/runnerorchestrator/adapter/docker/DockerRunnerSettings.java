package io.runnerorchestrator.adapter.docker;

import java.util.Objects;
import java.util.Optional;

/**
 * How runner containers are made.
 *
 * @param instanceId  value of the {@code runner-orchestrator.instance} label: whose containers these are
 * @param network     {@code host}, an existing network name, or the dedicated network created when missing
 * @param nanoCpus    CPU limit in units of 1e-9 CPUs (ORCHESTRATOR_RUNNER_CPUS=1.5 -> 1_500_000_000),
 *                    see {@link RunnerLimits#nanoCpus(String)}
 * @param memoryBytes memory limit, see {@link RunnerLimits#memoryBytes(String)}
 */
public record DockerRunnerSettings(String instanceId, String image, String network, DockerAccess dockerAccess,
                                   Optional<Long> nanoCpus, Optional<Long> memoryBytes) {

    /** How workflows inside a runner reach Docker. */
    public enum DockerAccess {
        /** Privileged container with its own daemon (Docker-in-Docker). */
        DIND,
        /** The host's /var/run/docker.sock mounted in. */
        SOCKET,
        NONE;

        /** Parses ORCHESTRATOR_RUNNER_DOCKER: dind, socket or none, any case. */
        public static DockerAccess parse(String value) {
            for (DockerAccess access : values()) {
                if (access.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return access;
                }
            }
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_DOCKER must be dind, socket or none, got '"
                    + value + "'");
        }
    }

    public static final String DEFAULT_NETWORK = "runner-orchestrator";
    public static final String DEFAULT_IMAGE = "apex-runner:local";

    public DockerRunnerSettings {
        requireText(instanceId, "instance id (runner-orchestrator.instance label)");
        requireText(image, "ORCHESTRATOR_RUNNER_IMAGE");
        requireText(network, "ORCHESTRATOR_RUNNER_NETWORK");
        Objects.requireNonNull(dockerAccess, "ORCHESTRATOR_RUNNER_DOCKER must be one of dind, socket, none");
        Objects.requireNonNull(nanoCpus, "nanoCpus");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        nanoCpus.ifPresent(RunnerLimits::checkNanoCpus);
        memoryBytes.ifPresent(RunnerLimits::checkMemoryBytes);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
