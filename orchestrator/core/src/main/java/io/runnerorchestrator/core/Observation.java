package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;

import java.util.List;
import java.util.Set;

/**
 * What one pass saw: our runners (containers and registrations merged), the queued jobs our runners
 * can take, the ones they cannot, and the state of failed starts.
 *
 * @param expectedArrivals matching jobs expected to queue within one runner boot time (the warm pool's forecast)
 */
public record Observation(List<RunnerView> runners, List<QueuedJob> matchingJobs, List<QueuedJob> unservedJobs,
                          BackoffStatus backoff, double expectedArrivals) {
    public Observation {
        runners = List.copyOf(runners);
        matchingJobs = List.copyOf(matchingJobs);
        unservedJobs = List.copyOf(unservedJobs);
    }

    /** Without a forecast. */
    public Observation(List<RunnerView> runners, List<QueuedJob> matchingJobs, List<QueuedJob> unservedJobs,
                       BackoffStatus backoff) {
        this(runners, matchingJobs, unservedJobs, backoff, 0);
    }

    /** The same, without these matching jobs (another instance has them). */
    public Observation withoutJobs(Set<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return this;
        }
        return new Observation(runners, matchingJobs.stream().filter(job -> !jobIds.contains(job.id())).toList(),
                unservedJobs, backoff, expectedArrivals);
    }

    /** Containers that exist and have not exited: each takes a place under MAX_RUNNERS. */
    public int liveContainers() {
        return (int) runners.stream().filter(RunnerView::liveContainer).count();
    }

    public long count(RunnerState state) {
        return runners.stream().filter(r -> r.state() == state).count();
    }
}
