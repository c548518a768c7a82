package io.runnerorchestrator.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed runner starts as of now.
 *
 * @param consecutiveFailures failed starts since the last runner that came online
 * @param retryAt             no runner is started before this instant
 * @param lastFailure         what went wrong last, without secrets
 * @param halted              why no runner starts any more until the orchestrator restarts (a runner
 *                            version GitHub no longer accepts); empty normally
 */
public record BackoffStatus(int consecutiveFailures, long totalFailures, Optional<Instant> retryAt,
                            Optional<String> lastFailure, Optional<String> halted) {

    public static final BackoffStatus NONE = new BackoffStatus(0, 0, Optional.empty(), Optional.empty(),
            Optional.empty());

    public boolean blocksStartsAt(Instant now) {
        return halted.isPresent() || retryAt.isPresent() && now.isBefore(retryAt.get());
    }

    /** After failures, starts are probes: one runner at a time until one comes online. */
    public boolean probing() {
        return consecutiveFailures > 0;
    }
}
