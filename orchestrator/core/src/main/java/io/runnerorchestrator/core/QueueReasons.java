package io.runnerorchestrator.core;

import io.runnerorchestrator.core.Decision.Start;
import io.runnerorchestrator.core.WaitReason.Kind;
import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Says, for each queued job of one decision, why it still waits. */
final class QueueReasons {
    private final List<QueuedJob> jobsOldestFirst;
    private final int idle;
    private final int covered;
    private final Set<Long> stuck;
    private final Set<Long> startedFor;
    private final int starts;
    private final int capacity;
    private final BackoffStatus backoff;
    private final Instant now;

    /**
     * @param idle    jobs at the head of the queue that idle runners cover
     * @param covered jobs at the head of the queue that idle and booting runners cover
     */
    QueueReasons(List<QueuedJob> jobsOldestFirst, int idle, int covered, Set<Long> stuck, List<Start> starts,
                 int capacity, BackoffStatus backoff, Instant now) {
        this.jobsOldestFirst = jobsOldestFirst;
        this.idle = idle;
        this.covered = covered;
        this.stuck = stuck;
        this.startedFor = starts.stream().map(Start::jobId).flatMap(Optional::stream).collect(Collectors.toSet());
        this.starts = starts.size();
        this.capacity = capacity;
        this.backoff = backoff;
        this.now = now;
    }

    Map<Long, WaitReason> waits(List<QueuedJob> unserved) {
        Map<Long, WaitReason> waits = new HashMap<>();
        for (int i = 0; i < jobsOldestFirst.size(); i++) {
            waits.put(jobsOldestFirst.get(i).id(), reason(i, jobsOldestFirst.get(i).id()));
        }
        unserved.forEach(job -> waits.put(job.id(), WaitReason.of(Kind.LABELS_NOT_SERVED)));
        return waits;
    }

    private WaitReason reason(int position, long jobId) {
        if (stuck.contains(jobId)) {
            return WaitReason.of(Kind.STUCK);
        }
        if (position < idle) {
            return WaitReason.of(Kind.RUNNER_IDLE);
        }
        if (position < covered || startedFor.contains(jobId)) {
            return WaitReason.of(Kind.RUNNER_STARTING);
        }
        if (backoff.halted().isPresent()) {
            return WaitReason.of(Kind.STARTS_HALTED);
        }
        if (backoff.blocksStartsAt(now)) {
            return WaitReason.until(Kind.START_BACKOFF, backoff.retryAt().orElseThrow());
        }
        return starts >= capacity ? WaitReason.of(Kind.AT_MAX_RUNNERS) : WaitReason.of(Kind.START_BACKOFF);
    }
}
