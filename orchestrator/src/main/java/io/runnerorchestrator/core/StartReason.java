package io.runnerorchestrator.core;

/** Why a runner is started. */
public enum StartReason {
    /** The pool is below MIN_RUNNERS. */
    MIN_RUNNERS,
    /** Matching queued jobs reached SCALE_UP_THRESHOLD: one runner per job not yet covered. */
    QUEUE,
    /** Below the threshold, but the job has waited longer than one poll interval. */
    STARVING_JOB,
    /** Asked for through the API, beyond what the policy wants; reaped after IDLE_TIMEOUT like any idle runner. */
    MANUAL
}
