package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.Version;
import io.runnerorchestrator.core.port.BackendHealth;

/**
 * Whether runners can start now: the manager answers, its node is an active Swarm manager, and the
 * runner image is there or can be pulled by the nodes (a reference naming a registry). A local tag
 * missing on the manager is down: the nodes would reject every task.
 */
final class SwarmHealth {

    private final DockerClient docker;
    private final String image;
    private final String manager;

    SwarmHealth(DockerClient docker, String image, String manager) {
        this.docker = docker;
        this.image = image;
        this.manager = manager;
    }

    BackendHealth check() {
        Version version;
        Info info;
        try {
            docker.pingCmd().exec();
            version = docker.versionCmd().exec();
            info = docker.infoCmd().exec();
        } catch (RuntimeException e) {
            return BackendHealth.down("no Docker engine reachable at " + manager + " ("
                    + SwarmFailure.describe(e, Redactor.none()) + ")");
        }
        SwarmInfo swarm = info.getSwarm();
        if (swarm == null || swarm.getLocalNodeState() != LocalNodeState.ACTIVE) {
            return BackendHealth.down("the Docker engine at " + manager + " is not in an active swarm (state "
                    + (swarm == null ? "unknown" : swarm.getLocalNodeState()) + "; docker swarm init)");
        }
        if (!Boolean.TRUE.equals(swarm.getControlAvailable())) {
            return BackendHealth.down("the Docker engine at " + manager
                    + " is a Swarm worker; DOCKER_HOST must name a manager");
        }
        String engine = "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ") swarm manager at "
                + manager + ", " + swarm.getNodes() + " node(s)";
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            if (!namesRegistry(image)) {
                return BackendHealth.down("the Swarm manager at " + manager + " has no image " + image
                        + " (ORCHESTRATOR_RUNNER_IMAGE: build or load it on every node, or push it to a registry)");
            }
            return BackendHealth.up(engine + ", image " + image + " pulled by the nodes");
        } catch (RuntimeException e) {
            return BackendHealth.down("the Swarm manager at " + manager + " failed: "
                    + SwarmFailure.describe(e, Redactor.none()));
        }
        return BackendHealth.up(engine + ", image " + image);
    }

    /** {@code ghcr.io/x/y:tag} or {@code localhost:5000/y}: the first part is a registry host. */
    static boolean namesRegistry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }
}
