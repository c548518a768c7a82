package io.runnerorchestrator.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A runner as the orchestrator sees it, merged from the backend's machine lifecycle and GitHub's
 * view (see {@link RunnerClassifier}). States are derived on every pass, never set; the allowed
 * transitions only tell an expected change from a surprising one in the logs.
 */
public enum RunnerState {
    /** Container up, not yet online on GitHub, within the boot timeout. */
    STARTING,
    /** Online on GitHub and not running a job. */
    IDLE,
    /** Online on GitHub and running a job: never removed. */
    BUSY,
    /** Container exited (or being removed, or created and never started): on its way out. */
    STOPPING,
    /** Only half of a runner: a registration without container, or a container GitHub does not show online. */
    ORPHAN;

    private Set<RunnerState> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(IDLE, BUSY, STOPPING, ORPHAN);
            // An ephemeral runner is never idle again after a job, but GitHub may report busy late.
            case IDLE, BUSY -> EnumSet.of(IDLE, BUSY, STOPPING, ORPHAN);
            case ORPHAN -> EnumSet.of(IDLE, BUSY, STOPPING);
            case STOPPING -> EnumSet.noneOf(RunnerState.class);
        };
    }

    /** Whether a runner seen in this state on one pass may be seen in {@code later} on the next. */
    public boolean canBecome(RunnerState later) {
        return later == this || next().contains(later);
    }

    /** Counted against MIN_RUNNERS and MAX_RUNNERS as a runner of the pool. */
    public boolean counted() {
        return this == STARTING || this == IDLE || this == BUSY;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
