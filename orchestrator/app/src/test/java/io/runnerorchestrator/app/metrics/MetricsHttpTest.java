package io.runnerorchestrator.app.metrics;

import io.runnerorchestrator.app.api.OrchestratorHttpTest;
import io.runnerorchestrator.app.api.OrchestratorUnderTest;
import io.runnerorchestrator.app.webhook.WebhookController;
import io.runnerorchestrator.githubsim.Workload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.runnerorchestrator.app.api.OrchestratorUnderTest.REPOSITORY;
import static io.runnerorchestrator.app.metrics.MetricNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/metrics while a burst of jobs is served by real fake-runner containers: promtool accepts
 * the exposition, and the gha_* and orchestrator_* series move as the jobs go through.
 */
@Import(MetricsHttpTest.Beans.class)
class MetricsHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.put("MIN_RUNNERS", "1");
            env.put("MAX_RUNNERS", "3");
            env.put("SCALE_UP_THRESHOLD", "2");
            env.put("IDLE_TIMEOUT", "1s");
        }

        @Override
        protected String instancePrefix() {
            return "metrics-test";
        }
    }

    private static final Map<String, String> REPO = Map.of("organization", "acme", "repository", REPOSITORY);

    @BeforeAll
    void subscribeWebhooks() {
        sim.webhooks(URI.create("http://127.0.0.1:" + port + WebhookController.PATH), OrchestratorUnderTest.WEBHOOK_SECRET);
    }

    @Test
    void promtoolAcceptsTheExposition() {
        HttpResponse<String> response = api.get(MetricsController.PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        Promtool.Verdict verdict = Promtool.checkMetrics(response.body());
        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void theSeriesMoveAsABurstIsServed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum(GHA_IDLE_RUNNERS) == 1);
        PrometheusText before = scrape();
        assertThat(before.sum(GHA_MIN_RUNNERS)).isEqualTo(1);
        assertThat(before.sum(GHA_MAX_RUNNERS)).isEqualTo(3);
        assertThat(before.sum(RUNNERS, Map.of("state", "idle"))).isEqualTo(1);

        List<Long> jobs = sim.enqueue(Workload.jobs(REPOSITORY, 5).labels("self-hosted", "docker")
                .duration(Duration.ofSeconds(2)));

        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum(GHA_BUSY_RUNNERS) >= 1);
        await().atMost(Duration.ofSeconds(180)).until(() -> scrape().sum(GHA_COMPLETED_JOBS_TOTAL, REPO) == jobs.size());
        // Each series moves in its own time (scale-down events come with the pass that removes the exited
        // runners, after the last completed webhook): wait for all of them, not for the first.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusText after = scrape();
            assertThat(after.sum(GHA_STARTED_JOBS_TOTAL, REPO)).isEqualTo(jobs.size());
            assertThat(after.sum(GHA_COMPLETED_JOBS_TOTAL, Map.of("job_result", "success"))).isEqualTo(jobs.size());
            assertThat(after.sum(GHA_JOB_STARTUP_DURATION_SECONDS + "_count", REPO)).isEqualTo(jobs.size());
            assertThat(after.sum(GHA_JOB_EXECUTION_DURATION_SECONDS + "_count", REPO)).isEqualTo(jobs.size());
            assertThat(after.sum(GHA_JOB_EXECUTION_DURATION_SECONDS + "_sum", REPO)).isPositive();
            assertThat(after.sum(SCALE_EVENTS_TOTAL, Map.of("direction", "up", "reason", "queue"))).isPositive();
            assertThat(after.sum(SCALE_EVENTS_TOTAL, Map.of("direction", "down"))).isPositive();
            assertThat(after.sum(RUNNER_BOOT_SECONDS + "_count")).isPositive();
            assertThat(after.sum(RECONCILE_DURATION_SECONDS + "_count", Map.of("outcome", "ok"))).isPositive();
            assertThat(after.sum(GITHUB_REQUESTS_TOTAL, Map.of("endpoint", "GET /repos/{owner}/{repo}/actions/runners",
                    "status", "200"))).isPositive();
            assertThat(after.sum(GITHUB_RATE_LIMIT_REMAINING)).isPositive();
            assertThat(after.sum(WEBHOOK_DELIVERIES_TOTAL, Map.of("result", "accepted"))).isPositive();
        });
        PrometheusText after = scrape();
        assertThat(after.declares(GHA_ASSIGNED_JOBS)).isTrue();
        assertThat(after.declares(GHA_REGISTERED_RUNNERS)).isTrue();
        assertThat(after.declares(GHA_DESIRED_RUNNERS)).isTrue();
        assertThat(after.declares(QUEUE_LENGTH)).isTrue();
        assertThat(after.declares(OLDEST_QUEUED_JOB_AGE_SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusText settled = scrape();
            assertThat(settled.sum(GHA_ASSIGNED_JOBS)).isZero();
            assertThat(settled.sum(QUEUE_LENGTH)).isZero();
            assertThat(settled.sum(GHA_IDLE_RUNNERS)).as("back to MIN").isEqualTo(1);
            assertThat(settled.sum(GHA_DESIRED_RUNNERS)).isEqualTo(1);
            assertThat(settled.sum(GHA_REGISTERED_RUNNERS)).isEqualTo(1);
        });
        Promtool.Verdict verdict = Promtool.checkMetrics(api.get(MetricsController.PATH).body());
        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    private PrometheusText scrape() {
        return new PrometheusText(api.get(MetricsController.PATH).body());
    }
}
