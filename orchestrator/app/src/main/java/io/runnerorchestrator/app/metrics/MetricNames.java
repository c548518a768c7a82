package io.runnerorchestrator.app.metrics;

/**
 * Every metric name as exposed at /api/v1/metrics, unit suffix included. The {@code gha_*} names are
 * those of actions-runner-controller, so its dashboards work here; the {@code orchestrator_*} names are
 * what the Grafana dashboard reads. README.md has the table.
 */
public final class MetricNames {

    public static final String GHA_ASSIGNED_JOBS = "gha_assigned_jobs";
    public static final String GHA_RUNNING_JOBS = "gha_running_jobs";
    public static final String GHA_REGISTERED_RUNNERS = "gha_registered_runners";
    public static final String GHA_BUSY_RUNNERS = "gha_busy_runners";
    public static final String GHA_IDLE_RUNNERS = "gha_idle_runners";
    public static final String GHA_MIN_RUNNERS = "gha_min_runners";
    public static final String GHA_MAX_RUNNERS = "gha_max_runners";
    public static final String GHA_DESIRED_RUNNERS = "gha_desired_runners";
    public static final String GHA_STARTED_JOBS_TOTAL = "gha_started_jobs_total";
    public static final String GHA_COMPLETED_JOBS_TOTAL = "gha_completed_jobs_total";
    public static final String GHA_JOB_STARTUP_DURATION_SECONDS = "gha_job_startup_duration_seconds";
    public static final String GHA_JOB_EXECUTION_DURATION_SECONDS = "gha_job_execution_duration_seconds";

    public static final String RUNNERS = "orchestrator_runners";
    public static final String QUEUE_LENGTH = "orchestrator_queue_length";
    public static final String OLDEST_QUEUED_JOB_AGE_SECONDS = "orchestrator_oldest_queued_job_age_seconds";
    public static final String SCALE_EVENTS_TOTAL = "orchestrator_scale_events_total";
    public static final String RUNNER_START_FAILURES_TOTAL = "orchestrator_runner_start_failures_total";
    public static final String RUNNER_BOOT_SECONDS = "orchestrator_runner_boot_seconds";
    public static final String RECONCILE_DURATION_SECONDS = "orchestrator_reconcile_duration_seconds";
    public static final String GITHUB_REQUESTS_TOTAL = "orchestrator_github_requests_total";
    public static final String GITHUB_RATE_LIMIT_REMAINING = "orchestrator_github_rate_limit_remaining";
    public static final String WEBHOOK_DELIVERIES_TOTAL = "orchestrator_webhook_deliveries_total";
    public static final String STUCK_JOBS_TOTAL = "orchestrator_stuck_jobs_total";
    public static final String RECONCILE_ERRORS_TOTAL = "orchestrator_reconcile_errors_total";

    private MetricNames() {
    }
}
