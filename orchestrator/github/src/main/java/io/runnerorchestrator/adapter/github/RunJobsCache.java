package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queued and the running jobs of each listed run as last read, keyed by the run's {@code updated_at}: a run whose
 * {@code updated_at} has not moved has the same jobs, so its jobs are not asked for again (not even as a
 * conditional GET). {@code updated_at} has whole seconds, so an answer read within {@link #SAME_SECOND}
 * of the run's last change is not trusted to be the last word. Used from the reconcile thread only.
 */
final class RunJobsCache {
    static final Duration SAME_SECOND = Duration.ofSeconds(2);

    /** A run's jobs that wait, and the runner of each job that runs (runner name to job id). */
    record RunJobs(List<QueuedJob> queued, Map<String, Long> running) {
        RunJobs {
            queued = List.copyOf(queued);
            running = Map.copyOf(running);
        }
    }

    private record Entry(Instant updatedAt, Instant readAt, RunJobs jobs) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    Optional<RunJobs> jobs(String repository, long runId, Instant updatedAt) {
        Entry entry = entries.get(key(repository, runId));
        if (entry == null || !entry.updatedAt().equals(updatedAt)
                || entry.readAt().isBefore(updatedAt.plus(SAME_SECOND))) {
            return Optional.empty();
        }
        return Optional.of(entry.jobs());
    }

    void put(String repository, long runId, Instant updatedAt, Instant readAt, RunJobs jobs) {
        entries.put(key(repository, runId), new Entry(updatedAt, readAt, jobs));
    }

    /** Forgets the runs of this repository that are no longer listed. */
    void retain(String repository, Set<Long> listedRunIds) {
        String prefix = repository + "#";
        entries.keySet().removeIf(key -> key.startsWith(prefix)
                && !listedRunIds.contains(Long.parseLong(key.substring(prefix.length()))));
    }

    private static String key(String repository, long runId) {
        return repository + "#" + runId;
    }
}
