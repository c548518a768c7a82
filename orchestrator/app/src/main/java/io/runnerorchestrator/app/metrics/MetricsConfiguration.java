package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.Reconciler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The Micrometer bindings; they replace the no-op defaults of the wiring's PortDefaults. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    OrchestratorMetrics micrometerOrchestratorMetrics(MeterRegistry registry) {
        return new MicrometerOrchestratorMetrics(registry);
    }

    @Bean
    GitHubRequestListener micrometerGitHubRequests(MeterRegistry registry) {
        return new MicrometerGitHubRequests(registry);
    }

    @Bean
    MeterFilter lintCleanExposition() {
        return new LintCleanExposition();
    }

    @Bean
    PoolGauges poolGauges(Reconciler reconciler) {
        return new PoolGauges(reconciler::snapshot, reconciler::rateLimit);
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry registry, OrchestratorConfig config) {
        return new JobMetrics(registry, new RunnerOwnership(config.runner().namePrefix()));
    }

    @Bean
    WebhookDeliveryFilter webhookDeliveryFilter(MeterRegistry registry, JsonMapper json,
                                                ObjectProvider<WorkflowJobListener> listeners) {
        return new WebhookDeliveryFilter(registry, json, listeners.orderedStream().toList());
    }
}
