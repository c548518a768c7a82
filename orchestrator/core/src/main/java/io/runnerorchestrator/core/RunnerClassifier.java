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
        if (instance.get().gone()) {
            return RunnerState.STOPPING;
        }
        if (registration.isPresent() && registration.get().online()) {
            return registration.get().busy() ? RunnerState.BUSY : RunnerState.IDLE;
        }
        boolean withinBoot = !now.isAfter(instance.get().createdAt().plus(bootTimeout));
        return !seenOnline && withinBoot ? RunnerState.STARTING : RunnerState.ORPHAN;
    }
}
