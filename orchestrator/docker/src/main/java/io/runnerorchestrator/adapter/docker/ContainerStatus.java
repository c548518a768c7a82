package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import io.runnerorchestrator.core.port.RunnerInstance.State;

import java.util.Optional;

/**
 * Docker's view of a container in the backend's terms: lifecycle state, exit code and why it stopped.
 *
 * @param exitCode  Docker's exit code; meaningful once stopped
 * @param oomKilled whether the kernel's OOM killer hit a process of the container
 * @param error     the engine's error for the container (e.g. a failed mount), empty when none
 */
record ContainerStatus(State state, long exitCode, boolean oomKilled, String error) {

    static ContainerStatus of(ContainerState state) {
        return new ContainerStatus(state(state.getStatus()),
                state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError() == null ? "" : state.getError());
    }

    /** Maps Docker's state word (created, running, paused, restarting, removing, exited, dead). */
    static State state(String dockerState) {
        return switch (dockerState == null ? "" : dockerState) {
            case "created" -> State.CREATED;
            // Paused and restarting containers still hold their runner; the reconciler must not replace them.
            case "running", "paused", "restarting" -> State.RUNNING;
            case "exited" -> State.EXITED;
            default -> State.DEAD;
        };
    }

    boolean stopped() {
        return state == State.EXITED || state == State.DEAD;
    }

    /** A runner that stopped at once without succeeding: the start failed. Exit 0 is a runner that already did its work. */
    boolean diedOnArrival() {
        return stopped() && (oomKilled || exitCode != 0);
    }

    Optional<Integer> exitCodeIfStopped() {
        return stopped() ? Optional.of((int) exitCode) : Optional.empty();
    }

    /** Why the container stopped, in words; empty while it has not. */
    String exitReason() {
        if (!stopped()) {
            return "";
        }
        String reason;
        if (oomKilled) {
            reason = "OOM-killed (exit code " + exitCode + ")";
        } else if (state == State.DEAD) {
            reason = "dead (exit code " + exitCode + ")";
        } else {
            reason = "exited with code " + exitCode;
        }
        return error.isBlank() ? reason : reason + ": " + error;
    }
}
