package io.runnerorchestrator.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A runner as the backend sees it. {@code name} is also the GitHub runner name.
 *
 * @param exitCode set once the instance has exited
 */
public record RunnerInstance(String name, String backendId, State state, String image, Instant createdAt,
                             Optional<Integer> exitCode, String exitReason) {

    /** The machine lifecycle, kept apart from GitHub's view of the runner. */
    public enum State { CREATED, RUNNING, EXITED, DEAD }

    public boolean gone() {
        return state == State.EXITED || state == State.DEAD;
    }
}
