package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Instant;
import java.util.Optional;

/**
 * One runner on one pass: its container (backend view), its registration (GitHub view), the state
 * merged from both, and what this process remembers of it.
 *
 * @param idleSince  since when it has been seen idle (first sight after a restart)
 * @param seenOnline whether this process ever saw it online
 * @param job        the job it runs, when a webhook said so
 */
public record RunnerView(String name, RunnerState state, Optional<RunnerInstance> instance,
                         Optional<GitHubRunner> registration, Optional<Instant> idleSince, boolean seenOnline,
                         Optional<Long> job) {

    public Optional<Long> registrationId() {
        return registration.map(GitHubRunner::id);
    }

    /** A container that exists and has not exited: it takes a place under MAX_RUNNERS. */
    public boolean liveContainer() {
        return instance.isPresent() && !instance.get().gone();
    }

    public RunnerView withState(RunnerState newState) {
        return new RunnerView(name, newState, instance, registration, idleSince, seenOnline, job);
    }
}
