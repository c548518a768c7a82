package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.PassCostPacing;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.app.lifecycle.ReconcileLoopLifecycle;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.OrchestratorMetrics;
import io.runnerorchestrator.core.PassHealth;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.core.DecisionPolicy;
import io.runnerorchestrator.core.GitHubNews;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.SnapshotListener;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.RunnerBackend;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The core over the adapters: the {@link Reconciler}, the {@link ReconcileLoop} that runs it (also
 * the {@code ReconcileTrigger} webhooks and the API use) and the lifecycle that starts and stops it.
 */
@Configuration(proxyBeanMethods = false)
public class CoreWiring {

    @Bean
    Reconciler reconciler(OrchestratorConfig config, GitHub github, RunnerBackend backend, Coordinator coordinator,
                          OrchestratorMetrics metrics, Clock clock) {
        GitHubNews news = config.demand().scaleSet() ? GitHubNews.MESSAGE_STREAM : GitHubNews.WEBHOOKS;
        return new Reconciler(config.scaling(), DecisionPolicy.SCALING_POLICY, config.runner(), github, backend,
                coordinator, metrics, clock, news);
    }

    /** Where webhooks report which runner took which job. */
    @Bean
    JobAssignments jobAssignments(Reconciler reconciler) {
        return reconciler.jobAssignments();
    }

    @Bean
    QueueHints queueHints(Reconciler reconciler) {
        return reconciler.queueHints();
    }

    @Bean
    ReconcileLoop reconcileLoop(Reconciler reconciler, OrchestratorConfig config, OrchestratorMetrics metrics,
                                Clock clock, SnapshotListener listener) {
        return new ReconcileLoop(reconciler, config.scaling().pollInterval(),
                new PassCostPacing(config.scaling().pollInterval(), clock),
                new PassHealth(clock, config.scaling().pollInterval()), metrics, listener);
    }

    @Bean
    ReconcileLoopLifecycle reconcileLoopLifecycle(ReconcileLoop loop) {
        return new ReconcileLoopLifecycle(loop, ReconcileLoopLifecycle.SHUTDOWN_GRACE);
    }
}
