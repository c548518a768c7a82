package io.runnerorchestrator.app.wiring;

import com.github.dockerjava.api.DockerClient;
import io.runnerorchestrator.adapter.docker.DockerClientFactory;
import io.runnerorchestrator.adapter.docker.DockerHealth;
import io.runnerorchestrator.adapter.docker.DockerRunnerBackend;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.port.RunnerBackend;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** Runners as containers on the Docker engine DOCKER_HOST names. The client is closed with the context. */
@Configuration(proxyBeanMethods = false)
public class DockerWiring {

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(OrchestratorConfig config) {
        return config.dockerHost()
                .map(host -> DockerClientFactory.fromEnvironment(Map.of("DOCKER_HOST", host)))
                .orElseGet(DockerClientFactory::fromEnvironment);
    }

    /** Steps aside for another backend registered before the context refreshes (the demo's simulated runners). */
    @Bean
    @ConditionalOnMissingBean(RunnerBackend.class)
    RunnerBackend runnerBackend(DockerClient docker, OrchestratorConfig config) {
        return new DockerRunnerBackend(docker, config.docker());
    }

    @Bean
    DockerHealth dockerHealth(DockerClient docker) {
        return new DockerHealth(docker);
    }
}
