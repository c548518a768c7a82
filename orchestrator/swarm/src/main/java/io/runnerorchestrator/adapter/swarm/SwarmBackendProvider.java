package io.runnerorchestrator.adapter.swarm;

import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.port.RunnerBackendProvider;

/** ORCHESTRATOR_BACKEND=swarm: each runner a one-task Swarm service, placed by the Swarm manager DOCKER_HOST names. */
public final class SwarmBackendProvider implements RunnerBackendProvider {

    public static final String NAME = "swarm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SwarmBackendSetup configure(EnvReader env, String instanceId) {
        SwarmSettingsReader reader = new SwarmSettingsReader(env);
        return new SwarmBackendSetup(reader.runners(instanceId), reader.dockerHost());
    }
}
