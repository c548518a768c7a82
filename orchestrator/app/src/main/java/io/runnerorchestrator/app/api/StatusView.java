package io.runnerorchestrator.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.runnerorchestrator.core.RunnerCounts;

import java.time.Instant;
import java.util.List;

/** The body of GET /api/v1/status. Holds no secret: the configuration only says whether each is set. */
public record StatusView(@JsonProperty("instance_id") String instanceId, String version,
                         @JsonProperty("started_at") Instant startedAt,
                         @JsonProperty("uptime_seconds") long uptimeSeconds,
                         ConfigurationView configuration, RunnerCounts runners, Queue queue, GitHub github,
                         @JsonProperty("last_reconcile") LastReconcile lastReconcile,
                         @JsonProperty("start_failures") StartFailures startFailures, Cluster cluster,
                         @JsonProperty("shutting_down") boolean shuttingDown,
                         @JsonProperty("security_warnings") List<String> securityWarnings) {

    /** Queued jobs, oldest first, served or not. */
    public record Queue(int length, List<QueuedJob> jobs) {
    }

    /** @param reason in words, why the job still waits */
    public record QueuedJob(long id, @JsonProperty("run_id") long runId, String repository, List<String> labels,
                            @JsonProperty("queued_at") Instant queuedAt,
                            @JsonProperty("waiting_seconds") long waitingSeconds, String reason) {
    }

    /** @param rateLimitRemaining null before GitHub first answered */
    public record GitHub(@JsonProperty("rate_limit_remaining") Integer rateLimitRemaining,
                         @JsonProperty("rate_limit") Integer rateLimit,
                         @JsonProperty("reset_at") Instant resetAt,
                         @JsonProperty("last_error") String lastError) {
    }

    /** @param decision null when the pass could not observe; @param problem what kept it from acting */
    /**
     * @param problem              also an unexpected exception, when that came after the last pass's picture
     * @param lastCompletedAt      the last pass that observed and decided (readiness needs one within 3 poll intervals)
     * @param unexpectedFailures   passes that ended in an unexpected exception since start
     */
    public record LastReconcile(long pass, Instant at, @JsonProperty("duration_ms") long durationMs,
                                DecisionView decision, String problem,
                                @JsonProperty("last_completed_at") Instant lastCompletedAt,
                                @JsonProperty("unexpected_failures") long unexpectedFailures) {
    }

    public record DecisionView(int desired, List<String> starts, List<String> removals,
                               @JsonProperty("stuck_jobs") List<Long> stuckJobs, String summary) {
    }

    /** The instances sharing the queue through Redis; {@code shared} false for an instance alone. */
    public record Cluster(boolean shared, boolean degraded, String self, String leader, List<Member> instances) {
    }

    /** @param minShare its share of MIN_RUNNERS as the leader placed it, null before that */
    public record Member(String id, @JsonProperty("runner_prefix") String runnerPrefix, boolean alive, int runners,
                         int reserved, @JsonProperty("min_share") Integer minShare) {
    }

    /** @param halted why no runner starts until a restart (a runner version GitHub no longer accepts), or null */
    public record StartFailures(int consecutive, long total, @JsonProperty("retry_at") Instant retryAt,
                                String last, String halted) {
    }
}
