package io.runnerorchestrator.core.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One walk of the queue: the jobs that wait for a runner and, when the walk can tell, which runner runs
 * each started job of the runs it walked (runner name to job id).
 *
 * @param running empty when the adapter cannot tell (its walk does not read started jobs, or skipped a
 *                repository it could not read); then only the runner list says which runners are busy
 */
public record QueueScan(List<QueuedJob> queued, Optional<Map<String, Long>> running) {
    public QueueScan {
        queued = List.copyOf(queued);
        running = running.map(Map::copyOf);
    }

    /** A walk that saw waiting jobs only. */
    public static QueueScan queueOnly(List<QueuedJob> queued) {
        return new QueueScan(queued, Optional.empty());
    }
}
