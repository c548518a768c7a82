package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Merges the backend's and GitHub's view of one runner into a {@link RunnerState}. Pure. */
public final class RunnerClassifier {

    private RunnerClassifier() {
    }

    /**
     * @param seenOnline whether this process ever saw the runner online: a runner that was online and is
     *                   no more has finished or was lost, it is not booting
     */
    public static RunnerState classify(Optional<RunnerInstance> instance, Optional<GitHubRunner> registration,
                                       boolean seenOnline, Duration bootTimeout, Instant now) {
        if (instance.isEmpty()) {
            return RunnerState.ORPHAN;
        }
        if (instance.get().gone() || neverStarted(instance.get())) {
            return RunnerState.STOPPING;
        }
        if (registration.isPresent() && registration.get().online()) {
            return registration.get().busy() ? RunnerState.BUSY : RunnerState.IDLE;
        }
        boolean withinBoot = !now.isAfter(instance.get().createdAt().plus(bootTimeout));
        return !seenOnline && withinBoot ? RunnerState.STARTING : RunnerState.ORPHAN;
    }

    /**
     * Still only created when a pass looks: every start (create, secret files, start) ends within the
     * pass that began it, and passes never overlap, so nobody is going to start this container. Its
     * start was cut short, by an engine restart or the orchestrator's death, and the cleanup of the
     * failed start could not reach the engine. Seen as booting it would hold a place under MAX until
     * the boot timeout and then count as a failed start.
     */
    public static boolean neverStarted(RunnerInstance instance) {
        return instance.state() == RunnerInstance.State.CREATED;
    }
}
