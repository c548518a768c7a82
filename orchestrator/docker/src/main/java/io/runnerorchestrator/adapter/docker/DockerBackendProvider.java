package io.runnerorchestrator.adapter.docker;

import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.port.RunnerBackendProvider;

/** ORCHESTRATOR_BACKEND=docker (the default): runners as containers on one Docker engine. */
public final class DockerBackendProvider implements RunnerBackendProvider {

    public static final String NAME = "docker";

    private final HostCapacity host;

    /** For {@link java.util.ServiceLoader}: default limits sized from this host. */
    public DockerBackendProvider() {
        this(HostCapacity.ofThisHost());
    }

    /** @param host what the default runner CPU and memory limits are sized from */
    public DockerBackendProvider(HostCapacity host) {
        this.host = host;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DockerBackendSetup configure(EnvReader env, String instanceId) {
        DockerSettingsReader reader = new DockerSettingsReader(env, host);
        return new DockerBackendSetup(reader.runners(instanceId), reader.dockerHost());
    }
}
