package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.scaleset.ActionsServiceClient;
import io.runnerorchestrator.adapter.github.scaleset.BusyRunners;
import io.runnerorchestrator.adapter.github.scaleset.JobMessage;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetDemand;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetListener;
import io.runnerorchestrator.adapter.github.scaleset.ScaleSetRelay;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.core.RunnerNews;
import io.runnerorchestrator.core.port.Coordinator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * ORCHESTRATOR_DEMAND=scaleset: the Actions service client, the demand its messages make, and the
 * listener holding the scale set's session, started before the reconcile loop and stopped after it
 * (its session is deleted on the way out, so a restart gets one at once). With Redis only the
 * cluster's leader holds the session; the others follow what it shares through the coordinator.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ScaleSetConfigured.class)
public class ScaleSetWiring {

    @Bean
    ScaleSetDemand scaleSetDemand() {
        return new ScaleSetDemand();
    }

    @Bean
    BusyRunners busyRunners() {
        return new BusyRunners();
    }

    /** Registration tokens (about one an hour) come from a REST client of its own. */
    @Bean
    ActionsServiceClient actionsServiceClient(OrchestratorConfig config, GitHubRequestListener listener, Clock clock) {
        HttpGitHub rest = GitHubWiring.rest(config, listener, clock);
        URI scopeUrl = URI.create(config.github().webUrl() + config.github().scope().webPath());
        return new ActionsServiceClient(config.github().apiUrl(), scopeUrl, rest::createRegistrationToken,
                "runner-orchestrator", Duration.ofSeconds(5), clock);
    }

    @Bean
    ScaleSetListenerLifecycle scaleSetListener(ActionsServiceClient client, ScaleSetDemand demand,
                                               BusyRunners busy, QueueHints hints, JobAssignments assignments,
                                               OrchestratorConfig config, ReconcileLoop loop,
                                               Coordinator coordinator) {
        RunnerNews news = new RunnerNews(hints, assignments);
        ScaleSetListener.Settings settings = new ScaleSetListener.Settings(config.demand().scaleSetName(),
                config.demand().runnerGroup(), config.runner().labels(), config.instanceId(),
                config.scaling().maxRunners());
        return new ScaleSetListenerLifecycle(new ScaleSetListener(client, settings, demand,
                busy.andThen(JobMessage.runnerNews(news::started, news::completed)), loop::requestPass,
                ScaleSetRelay.through(coordinator, settings.name(), demand, busy)));
    }

    /** One phase before the loop's: starts before it, stops after its shutdown pass. */
    static final class ScaleSetListenerLifecycle implements SmartLifecycle {
        private final ScaleSetListener listener;
        private volatile boolean running;

        ScaleSetListenerLifecycle(ScaleSetListener listener) {
            this.listener = listener;
        }

        @Override
        public void start() {
            listener.start();
            running = true;
        }

        @Override
        public void stop() {
            listener.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return DEFAULT_PHASE - 1;
        }
    }
}
