package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.runnerorchestrator.adapter.github.GitHubRequestEvent;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;

/**
 * Counts every exchange with GitHub by endpoint template and status ({@code 0}: no answer came), so
 * the rate-limit budget can be traced to the calls that spend it.
 */
public final class MicrometerGitHubRequests implements GitHubRequestListener {

    private final MeterRegistry registry;

    public MicrometerGitHubRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void requestCompleted(GitHubRequestEvent event) {
        Counter.builder(MetricNames.GITHUB_REQUESTS_TOTAL)
                .description("Requests to GitHub's API by endpoint and HTTP status (0: no answer)")
                .tag("endpoint", event.endpoint()).tag("status", Integer.toString(event.status()))
                .register(registry).increment();
    }
}
