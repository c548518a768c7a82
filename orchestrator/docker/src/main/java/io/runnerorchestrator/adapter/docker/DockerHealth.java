package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;

/** Whether the Docker engine answers, and which engine it is; for health checks and the status page. */
public final class DockerHealth {

    /** @param detail the engine version when up, the stated cause when down */
    public record Status(boolean up, String detail) {
    }

    private final DockerClient docker;

    public DockerHealth(DockerClient docker) {
        this.docker = docker;
    }

    public Status check() {
        try {
            docker.pingCmd().exec();
            Version version = docker.versionCmd().exec();
            return new Status(true, "Docker " + version.getVersion() + " (API " + version.getApiVersion() + ")");
        } catch (RuntimeException e) {
            return new Status(false, DockerFailure.describe(e, Redactor.none()));
        }
    }
}
