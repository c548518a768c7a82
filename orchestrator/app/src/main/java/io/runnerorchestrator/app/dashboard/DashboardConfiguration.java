package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.app.api.ReadAccess;
import io.runnerorchestrator.app.api.ReadTokenInterceptor;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.RunnerBackend;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

/**
 * The dashboard's parts. {@link DashboardEvents} is also the core's snapshot listener (it replaces the
 * no-op default), so each pass reaches the browsers as it ends.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

    /** Decisions kept for the timeline: several minutes of a busy pool. */
    static final int TIMELINE_CAPACITY = 500;
    static final Duration CHART_WINDOW = Duration.ofHours(1);
    static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    /** Open event streams at most: each holds a socket and a little memory until it ends. */
    static final int MAX_STREAMS = 1000;

    private final ReadAccess access;

    public DashboardConfiguration(ReadAccess access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadTokenInterceptor(access)).addPathPatterns(EventsController.PATH);
    }

    /**
     * @param heartbeat how often an idle stream gets a comment line; tests shorten it to see dropped
     *                  clients forgotten sooner
     */
    @Bean(destroyMethod = "close")
    DashboardEvents dashboardEvents(OrchestratorConfig config, Reconciler reconciler, Coordinator coordinator,
                                    RunnerBackend backend, Clock clock, JsonMapper json,
                                    @Value("${runner-orchestrator.dashboard.heartbeat:15s}") Duration heartbeat) {
        DashboardView view = new DashboardView(
                new DashboardView.Sources(reconciler::rateLimit, coordinator::status, clock::instant),
                config.instanceId(), config.demo(), backend.name(),
                new DashboardState.Access(config.http().apiToken().isPresent(),
                        config.http().apiReadToken().isPresent()));
        return new DashboardEvents(view, new DecisionTimeline(TIMELINE_CAPACITY), new ChartHistory(CHART_WINDOW),
                reconciler::snapshot, json, heartbeat, STREAM_TIMEOUT, MAX_STREAMS);
    }

    @Bean
    DashboardPage dashboardPage() {
        return new DashboardPage();
    }
}
