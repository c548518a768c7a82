package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The network runner containers join. {@code host} is used as is; the dedicated network is created
 * as a bridge when missing; any other name must already exist.
 */
public final class RunnerNetwork {

    public static final String HOST = "host";
    private static final Logger log = LoggerFactory.getLogger(RunnerNetwork.class);

    private final DockerClient docker;
    private final String name;
    private final String dedicatedName;

    /**
     * @param name          the configured network (ORCHESTRATOR_RUNNER_NETWORK)
     * @param dedicatedName the network this orchestrator may create, normally
     *                      {@link DockerRunnerSettings#DEFAULT_NETWORK}
     */
    public RunnerNetwork(DockerClient docker, String name, String dedicatedName) {
        this.docker = docker;
        this.name = name;
        this.dedicatedName = dedicatedName;
    }

    public String name() {
        return name;
    }

    /**
     * Makes sure the network exists and returns the network mode for the container's HostConfig.
     * Inspected on every call, so a network deleted behind our back comes back on the next start.
     *
     * @throws IllegalStateException when a network other than the dedicated one does not exist
     */
    public synchronized String ensure() {
        if (HOST.equals(name)) {
            return HOST;
        }
        if (exists()) {
            return name;
        }
        if (!name.equals(dedicatedName)) {
            throw new IllegalStateException("network " + name + " does not exist on the Docker engine;"
                    + " create it, or set ORCHESTRATOR_RUNNER_NETWORK to host or leave it unset for the dedicated"
                    + " network " + dedicatedName);
        }
        create();
        return name;
    }

    private boolean exists() {
        try {
            // Inspect by exact name: the list endpoint's name filter also matches substrings.
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void create() {
        try {
            // CheckDuplicate: without it, engines before API 1.44 let two racing creates make two
            // networks with the same name, and the name becomes ambiguous.
            String id = docker.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(Map.of(ContainerLabels.MANAGED_BY, ContainerLabels.MANAGED_BY_VALUE))
                    .exec()
                    .getId();
            log.info("network.created name={} id={}", name, id);
        } catch (ConflictException e) {
            log.debug("network.create_raced name={}", name);
        }
    }
}
