package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;
import java.util.Map;

/**
 * Makes the {@link DockerClient}. The engine is found the way the docker CLI finds it: DOCKER_HOST,
 * DOCKER_CONTEXT, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, else unix:///var/run/docker.sock.
 * The API version is left to the engine (no version prefix), so docker-java works with any engine
 * from 20.10 (API 1.41) upwards instead of asking for a version the engine does not know.
 */
public final class DockerClientFactory {

    /** A dead or unreachable engine fails fast instead of stalling a reconcile pass. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Create and start can be slow on a busy host; no call we make streams for longer. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_CONNECTIONS = 20;

    private DockerClientFactory() {
    }

    /** A client for the engine the process environment names (DOCKER_HOST and friends). */
    public static DockerClient fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** A client for the engine {@code environment} names; DOCKER_HOST there wins over the process's own. */
    public static DockerClient fromEnvironment(Map<String, String> environment) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        String dockerHost = environment.get(DefaultDockerClientConfig.DOCKER_HOST);
        if (dockerHost != null && !dockerHost.isBlank()) {
            config.withDockerHost(dockerHost);
        }
        return create(config.build());
    }

    private static DockerClient create(DefaultDockerClientConfig config) {
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
