package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.SnapshotListener;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.RunnerBackend;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The beans other parts may replace: the runner backend, a Redis {@link Coordinator}, Micrometer
 * metrics, a request counter, the dashboard's snapshot listener. An auto-configuration on purpose: those run after every application configuration, so
 * {@code @ConditionalOnMissingBean} sees the replacements whatever the scan order.
 */
@AutoConfiguration
public class PortDefaults {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Runners where ORCHESTRATOR_BACKEND says (its module read its own settings in the config); the
     * demo's simulated runners, registered before the context refreshes, take its place. Closed with
     * the context.
     */
    @Bean
    @ConditionalOnMissingBean
    RunnerBackend runnerBackend(OrchestratorConfig config) {
        return config.backend().open();
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
