package io.runnerorchestrator.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * A runner as the backend sees it. {@code name} is also the GitHub runner name.
 *
 * @param exitCode set once the instance has exited
 * @param node     the machine it runs on, for backends that place runners on several (swarm); empty
 *                 where there is only one (docker)
 */
public record RunnerInstance(String name, String backendId, State state, String image, Instant createdAt,
                             Optional<Integer> exitCode, String exitReason, Optional<String> node) {

    public RunnerInstance {
        node = node == null ? Optional.empty() : node;
    }

    /** An instance on a backend with one machine: no node. */
    public RunnerInstance(String name, String backendId, State state, String image, Instant createdAt,
                          Optional<Integer> exitCode, String exitReason) {
        this(name, backendId, state, image, createdAt, exitCode, exitReason, Optional.empty());
    }

    /** The machine lifecycle, kept apart from GitHub's view of the runner. */
    public enum State { CREATED, RUNNING, EXITED, DEAD }

    public boolean gone() {
        return state == State.EXITED || state == State.DEAD;
    }
}
