package io.runnerorchestrator.core;

/** Why a runner is started. */
public enum StartReason {
    /** The pool is below MIN_RUNNERS. */
    MIN_RUNNERS,
    /** A matching queued job that no idle or booting runner covers: one runner per such job, at once. */
    QUEUE,
    /** The queue reached SCALE_UP_THRESHOLD: spare runners ahead of the rest of a burst. */
    BURST_BUFFER,
    /** The predictive warm pool: spare runners for the jobs expected within one boot time. */
    WARM_POOL,
    /** Asked for through the API, beyond what the policy wants; reaped after IDLE_TIMEOUT like any idle runner. */
    MANUAL
}
