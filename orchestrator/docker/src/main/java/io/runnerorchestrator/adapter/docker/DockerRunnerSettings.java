package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.RunnerLimits;
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
 * @param pidsLimit   most processes in one runner, see {@link RunnerLimits#pids(String)}
 */
public record DockerRunnerSettings(String instanceId, String image, String network, DockerAccess dockerAccess,
                                   Optional<Long> nanoCpus, Optional<Long> memoryBytes, Optional<Long> pidsLimit) {

    /** How workflows inside a runner reach Docker. */
    public enum DockerAccess {
        /** Privileged container with its own daemon (Docker-in-Docker). */
        DIND("privileged containers: any workflow can become root on the Docker host"),
        /** The host's /var/run/docker.sock mounted in. */
        SOCKET("the host's Docker socket is mounted: any workflow can start privileged containers and become root"
                + " on the Docker host"),
        NONE("");

        private final String risk;

        DockerAccess(String risk) {
            this.risk = risk;
        }

        /** What a workflow can do to the host with this access, in words; empty for none. */
        public Optional<String> risk() {
            return risk.isEmpty() ? Optional.empty() : Optional.of(risk);
        }

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
    /** Enough for builds with many parallel processes, far too few for a fork bomb to hurt the host. */
    public static final long DEFAULT_PIDS_LIMIT = 4096;

    public DockerRunnerSettings {
        requireText(instanceId, "instance id (runner-orchestrator.instance label)");
        requireText(image, "ORCHESTRATOR_RUNNER_IMAGE");
        requireText(network, "ORCHESTRATOR_RUNNER_NETWORK");
        Objects.requireNonNull(dockerAccess, "ORCHESTRATOR_RUNNER_DOCKER must be one of dind, socket, none");
        Objects.requireNonNull(nanoCpus, "nanoCpus");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        nanoCpus.ifPresent(RunnerLimits::checkNanoCpus);
        memoryBytes.ifPresent(RunnerLimits::checkMemoryBytes);
        Objects.requireNonNull(pidsLimit, "pidsLimit");
        pidsLimit.ifPresent(RunnerLimits::checkPids);
    }

    /** Without a pids limit. */
    public DockerRunnerSettings(String instanceId, String image, String network, DockerAccess dockerAccess,
                                Optional<Long> nanoCpus, Optional<Long> memoryBytes) {
        this(instanceId, image, network, dockerAccess, nanoCpus, memoryBytes, Optional.empty());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
