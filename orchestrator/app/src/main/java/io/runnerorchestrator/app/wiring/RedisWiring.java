package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.redis.RedisClusterSettings;
import io.runnerorchestrator.adapter.redis.RedisConnection;
import io.runnerorchestrator.adapter.redis.RedisCoordinator;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.port.Coordinator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * With REDIS_URL set, instances coordinate through Redis: this {@link Coordinator} replaces the
 * in-memory default of {@link PortDefaults}. The coordinator joins the cluster when created (before
 * the reconcile loop starts) and, being destroyed after the loop's shutdown pass, hands the leader
 * lease on last.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
public class RedisWiring {

    /** Longest wait for one Redis command: past it the instance runs degraded rather than stall a pass. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "close")
    RedisConnection redisConnection(OrchestratorConfig config) {
        return RedisConnection.open(config.redisUrl().orElseThrow().reveal(), COMMAND_TIMEOUT);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    RedisCoordinator coordinator(RedisConnection redis, OrchestratorConfig config, Clock clock) {
        // MAX and MIN hold per GitHub scope: clusters serving different scopes may share one Redis.
        RedisClusterSettings settings = new RedisClusterSettings(config.instanceId(),
                config.runner().namePrefix(), config.runner().scope().toString(), config.clusterTtl());
        return new RedisCoordinator(redis.template(), settings, new LocalCoordinator(clock), clock);
    }

    @Bean
    RedisClusterGauges redisClusterGauges(RedisCoordinator coordinator) {
        return new RedisClusterGauges(coordinator);
    }
}
