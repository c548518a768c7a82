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
 * @param idleConfirmed idle in two fresh looks at GitHub at least {@link RunnerTracker#IDLE_CONFIRMATION}
 *                      apart, and no webhook named it since: only such a runner is removed for idleness
 *                      (GitHub's runner list can show a runner not busy for a while after it took a job)
 */
public record RunnerView(String name, RunnerState state, Optional<RunnerInstance> instance,
                         Optional<GitHubRunner> registration, Optional<Instant> idleSince, boolean seenOnline,
                         Optional<Long> job, boolean idleConfirmed) {

    /** Idle counts as confirmed whenever an idle time is known (for views made outside the tracker). */
    public RunnerView(String name, RunnerState state, Optional<RunnerInstance> instance,
                      Optional<GitHubRunner> registration, Optional<Instant> idleSince, boolean seenOnline,
                      Optional<Long> job) {
        this(name, state, instance, registration, idleSince, seenOnline, job, idleSince.isPresent() && job.isEmpty());
    }

    public Optional<Long> registrationId() {
        return registration.map(GitHubRunner::id);
    }

    /** A container that exists and has not exited: it takes a place under MAX_RUNNERS. */
    public boolean liveContainer() {
        return instance.isPresent() && !instance.get().gone();
    }

    public RunnerView withState(RunnerState newState) {
        return new RunnerView(name, newState, instance, registration, idleSince, seenOnline, job, idleConfirmed);
    }
}
