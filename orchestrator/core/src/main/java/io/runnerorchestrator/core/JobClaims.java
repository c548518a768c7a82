package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.Coordinator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Claims on queued jobs, so that instances sharing a queue do not start two runners for one job.
 * A runner takes the oldest job it can, not necessarily the one it was started for; so a claim is
 * given back as soon as its runner took some job or is gone, or the job it named would wait for the
 * claim to lapse. Used from the reconcile thread only.
 */
final class JobClaims {
    private final Coordinator coordinator;
    private final Duration ttl;
    private final Map<String, Long> jobByRunner = new HashMap<>();

    /** @param ttl how long a claim holds if never given back (e.g. this process died) */
    JobClaims(Coordinator coordinator, Duration ttl) {
        this.coordinator = coordinator;
        this.ttl = ttl;
    }

    boolean claim(long jobId) {
        return coordinator.claimJob(jobId, ttl);
    }

    void release(long jobId) {
        coordinator.releaseJob(jobId);
    }

    /** The runner started for a claimed job: the claim lasts while the runner is on its way to a job. */
    void heldBy(String runnerName, long jobId) {
        jobByRunner.put(runnerName, jobId);
    }

    void settle(List<RunnerView> runners) {
        Set<String> waiting = runners.stream()
                .filter(r -> r.state() == RunnerState.STARTING || r.state() == RunnerState.IDLE)
                .map(RunnerView::name).collect(Collectors.toSet());
        jobByRunner.entrySet().removeIf(claim -> {
            boolean settled = !waiting.contains(claim.getKey());
            if (settled) {
                coordinator.releaseJob(claim.getValue());
            }
            return settled;
        });
    }
}
