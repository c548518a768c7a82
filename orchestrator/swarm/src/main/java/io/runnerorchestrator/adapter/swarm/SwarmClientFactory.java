package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;
import java.util.Optional;

/**
 * Makes the client for the Swarm manager, as the docker CLI finds an engine (DOCKER_HOST and
 * friends). No API version prefix: the engine's own is used (Docker 20.10 = API 1.41 and newer),
 * which replicated-job services need.
 */
public final class SwarmClientFactory {

    /** A dead manager fails fast instead of stalling a reconcile pass. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_CONNECTIONS = 20;

    private SwarmClientFactory() {
    }

    /** @param dockerHost the manager; empty: the process environment's DOCKER_HOST or the local socket */
    public static DockerClient create(Optional<String> dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        dockerHost.filter(h -> !h.isBlank()).ifPresent(builder::withDockerHost);
        DefaultDockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
