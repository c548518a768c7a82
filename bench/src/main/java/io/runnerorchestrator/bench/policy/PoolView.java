package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.Decision.Removal;
import io.runnerorchestrator.core.Observation;
import io.runnerorchestrator.core.RemovalReason;
import io.runnerorchestrator.core.RunnerState;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.ScalingPolicy;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.StartReason;
import io.runnerorchestrator.core.WaitReason;
import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the alternative policies need to know of one observation, counted the way
 * {@link ScalingPolicy} counts, and how they turn start and removal counts into a {@link Decision}.
 * Cleanups (exited containers, failed boots, orphan registrations) are the core's own, so every
 * policy keeps a tidy pool and only the scaling rules differ.
 */
final class PoolView {
    final List<RunnerView> idle;
    final int starting;
    final int busy;
    final int queued;
    final int capacity;

    private final Observation observation;

    PoolView(ScalingSettings settings, Observation observation) {
        this.observation = observation;
        this.idle = observation.runners().stream().filter(r -> r.state() == RunnerState.IDLE)
                .sorted(Comparator.comparing((RunnerView r) -> r.idleSince().orElse(Instant.MAX))).toList();
        this.starting = (int) observation.count(RunnerState.STARTING);
        this.busy = (int) observation.count(RunnerState.BUSY);
        this.queued = observation.matchingJobs().size();
        int live = (int) observation.runners().stream().filter(RunnerView::liveContainer).count();
        this.capacity = Math.max(0, settings.maxRunners() - live);
    }

    /** Runners of the pool: booting, idle and busy. */
    int counted() {
        return starting + idle.size() + busy;
    }

    /** Starts {@code starts} runners (capped by MAX) and removes {@code idleToRemove} (longest idle first). */
    Decision decision(int starts, StartReason reason, List<RunnerView> idleToRemove) {
        int startCount = Math.max(0, Math.min(starts, capacity));
        List<Decision.Start> startList = Collections.nCopies(startCount, new Decision.Start(reason, Optional.empty()));
        List<Removal> removals = new ArrayList<>(ScalingPolicy.cleanups(observation.runners()));
        idleToRemove.forEach(r -> removals.add(new Removal(r.name(), r.registrationId(), r.instance().isPresent(),
                RemovalReason.IDLE_TIMEOUT)));
        return new Decision(counted() + startCount - idleToRemove.size(), startList, removals, List.of(), waits());
    }

    /** Status only (the benchmark shows no status): every served job waits for a runner. */
    private Map<Long, WaitReason> waits() {
        Map<Long, WaitReason> waits = new HashMap<>();
        WaitReason starting = WaitReason.of(WaitReason.Kind.RUNNER_STARTING);
        observation.matchingJobs().stream().map(QueuedJob::id).forEach(id -> waits.put(id, starting));
        WaitReason unserved = WaitReason.of(WaitReason.Kind.LABELS_NOT_SERVED);
        observation.unservedJobs().stream().map(QueuedJob::id).forEach(id -> waits.put(id, unserved));
        return waits;
    }
}
