package io.runnerorchestrator.core;

/** Why a runner (its container, its registration or both) is removed. */
public enum RemovalReason {
    /** The container exited: the runner finished its job or died. */
    EXITED,
    /** Exited with a non-zero code before it was ever seen online: a failed start (e.g. a broken image). */
    START_FAILED,
    /**
     * Exited with code 7 (ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE=1): GitHub no longer
     * accepts this runner version, so every runner of the image would do the same.
     */
    RUNNER_VERSION_DEPRECATED,
    /**
     * Created but never started: a start cut short between create and start (the engine went away, or
     * the orchestrator died), whose cleanup could not run then. Not a failed start of the image: the
     * start's own failure, if this process saw it, was counted then.
     */
    NEVER_STARTED,
    /** Not online within the boot timeout: a failed start. */
    BOOT_TIMEOUT,
    /** Was online, now its registration is offline or gone while the container still runs. */
    LOST,
    /** An offline registration of ours with no container behind it. */
    ORPHAN_REGISTRATION,
    /** Idle longer than IDLE_TIMEOUT while the queue is short. */
    IDLE_TIMEOUT,
    /** Idle while a matching job stayed queued for several poll intervals: the runner is recycled. */
    STUCK_JOB,
    /** Graceful shutdown of the orchestrator. */
    SHUTDOWN,
    /** Asked for through the API; skipped when GitHub shows the runner busy just before. */
    MANUAL,
    /** Asked for through the API with force: the container goes even while it runs a job. */
    FORCED;

    /** Decided because GitHub showed the runner offline: moot if it is online by the time of removal. */
    public boolean expectsOffline() {
        return this == BOOT_TIMEOUT || this == LOST || this == ORPHAN_REGISTRATION;
    }

    /** A busy runner is kept, except when its removal was forced. */
    public boolean keepsBusy() {
        return this != FORCED;
    }

    /** The container has exited (or never ran): no job can run in it any more. */
    public boolean containerExited() {
        return this == EXITED || this == START_FAILED || this == RUNNER_VERSION_DEPRECATED || this == NEVER_STARTED;
    }

    /** Counts as a failed start for the backoff. */
    public boolean failedStart() {
        return this == START_FAILED || this == BOOT_TIMEOUT || this == RUNNER_VERSION_DEPRECATED;
    }
}
