package io.runnerorchestrator.adapter.docker;

import java.util.Optional;

/**
 * How runner containers are made.
 *
 * @param instanceId  value of the {@code runner-orchestrator.instance} label: whose containers these are
 * @param network     {@code host}, an existing network name, or the dedicated network created when missing
 * @param nanoCpus    CPU limit in units of 1e-9 CPUs (ORCHESTRATOR_RUNNER_CPUS=1.5 -> 1_500_000_000)
 * @param memoryBytes memory limit
 */
public record DockerRunnerSettings(String instanceId, String image, String network, DockerAccess dockerAccess,
                                   Optional<Long> nanoCpus, Optional<Long> memoryBytes) {

    /** How workflows inside a runner reach Docker. */
    public enum DockerAccess {
        /** Privileged container with its own daemon (Docker-in-Docker). */
        DIND,
        /** The host's /var/run/docker.sock mounted in. */
        SOCKET,
        NONE
    }

    public static final String DEFAULT_NETWORK = "runner-orchestrator";
}
