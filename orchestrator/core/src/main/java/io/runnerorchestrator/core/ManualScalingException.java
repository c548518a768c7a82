package io.runnerorchestrator.core;

/** A manual command that could not be carried out; the message says why and what to do. */
public final class ManualScalingException extends RuntimeException {

    public enum Kind {
        /** No runner of this instance by that name. */
        NOT_FOUND,
        /** The pool's limits or a runner's state forbid it (at MAX, at MIN, busy). */
        CONFLICT,
        /** GitHub or Docker cannot be reached or asked now, or the orchestrator is shutting down. */
        UNAVAILABLE,
        /** Docker or GitHub failed while acting. */
        FAILED
    }

    private final Kind kind;

    public ManualScalingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
