package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.runnerorchestrator.core.port.RunnerInstance.State;

import java.util.Optional;

/**
 * A runner service's task in the backend's terms. A task the scheduler has not run yet (pending for
 * a node with room, preparing its image) is CREATED, so the boot timeout covers a runner that never
 * finds a node. A task that ended has an exit code; one that never ran (rejected: no such image on
 * the node, a bad mount) gets {@link #NEVER_RAN}, so it counts as a failed start like a container
 * that died on arrival.
 *
 * @param exitCode the container's exit code once ended
 * @param reason   why it ended, in words; empty while it has not
 */
record TaskStatus(State state, Optional<Integer> exitCode, String reason) {

    /** Docker's own code for "the container could not be run" ({@code docker run} exits 125). */
    static final int NEVER_RAN = 125;

    static final TaskStatus NOT_SCHEDULED = new TaskStatus(State.CREATED, Optional.empty(), "");

    static TaskStatus of(Task task) {
        com.github.dockerjava.api.model.TaskStatus status = task.getStatus();
        TaskState taskState = status == null ? null : status.getState();
        if (taskState == null) {
            return NOT_SCHEDULED;
        }
        Optional<Integer> code = Optional.ofNullable(status.getContainerStatus())
                .map(c -> c.getExitCodeLong()).map(Long::intValue);
        String err = status.getErr() == null ? "" : status.getErr();
        return switch (taskState) {
            case NEW, ALLOCATED, PENDING, ASSIGNED, ACCEPTED, PREPARING, READY, STARTING -> NOT_SCHEDULED;
            case RUNNING -> new TaskStatus(State.RUNNING, Optional.empty(), "");
            case COMPLETE -> ended(State.EXITED, code.orElse(0), "");
            case FAILED -> ended(State.EXITED, code.orElse(NEVER_RAN), err);
            case REJECTED -> ended(State.DEAD, NEVER_RAN, "rejected by the node: " + err);
            // Shut down by the manager (the service is being removed) or lost with its node.
            case SHUTDOWN, REMOVE, ORPHANED -> ended(State.DEAD, code.orElse(NEVER_RAN),
                    "task " + taskState.name().toLowerCase(java.util.Locale.ROOT) + (err.isEmpty() ? "" : ": " + err));
        };
    }

    private static TaskStatus ended(State state, int code, String detail) {
        String reason = "exited with code " + code;
        if (state == State.DEAD) {
            reason = detail;
        } else if (!detail.isEmpty()) {
            reason = reason + ": " + detail;
        }
        return new TaskStatus(state, Optional.of(code), reason);
    }
}
