package io.runnerorchestrator.core.port;

import io.runnerorchestrator.core.config.EnvReader;

/**
 * One kind of backend (docker, swarm, ...), found with {@link java.util.ServiceLoader}: a module that
 * brings a backend lists its provider in
 * {@code META-INF/services/io.runnerorchestrator.core.port.RunnerBackendProvider}, and
 * ORCHESTRATOR_BACKEND picks it by {@link #name()}. Nothing outside the module names its classes.
 */
public interface RunnerBackendProvider {

    /** The value of ORCHESTRATOR_BACKEND that selects this backend, lower case. */
    String name();

    /**
     * Reads and checks this backend's own variables; starts nothing.
     *
     * @param instanceId whose runners these are (ORCHESTRATOR_INSTANCE_ID): the backend lists and removes only those
     * @throws io.runnerorchestrator.core.config.ConfigException naming the variable and the value
     */
    BackendSetup configure(EnvReader env, String instanceId);
}
