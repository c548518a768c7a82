package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.SnapshotListener;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.Coordinator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The beans other parts may replace: a Redis {@link Coordinator}, Micrometer metrics, a request
 * counter, the dashboard's snapshot listener. An auto-configuration on purpose: those run after every application configuration, so
 * {@code @ConditionalOnMissingBean} sees the replacements whatever the scan order.
 */
@AutoConfiguration
public class PortDefaults {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One instance coordinating in memory. */
    @Bean
    @ConditionalOnMissingBean
    Coordinator coordinator(Clock clock) {
        return new LocalCoordinator(clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OrchestratorMetrics orchestratorMetrics() {
        return OrchestratorMetrics.NOOP;
    }

    @Bean
    @ConditionalOnMissingBean
    GitHubRequestListener gitHubRequestListener() {
        return GitHubRequestListener.NOOP;
    }

    @Bean
    @ConditionalOnMissingBean
    SnapshotListener snapshotListener() {
        return SnapshotListener.NOOP;
    }
}
