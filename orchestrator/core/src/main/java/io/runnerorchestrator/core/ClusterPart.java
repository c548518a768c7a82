package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.ClusterLimits;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.QueuedJob;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster leaves this instance for one pass: its share of MIN and MAX, and the queued jobs
 * no other instance has claimed (those have a runner on its way elsewhere). An instance alone gets
 * everything.
 */
final class ClusterPart {
    private final ScalingSettings scaling;
    private final Observation observation;
    private final Set<Long> claimedElsewhere;
    private final StartSlots slots;

    private ClusterPart(ScalingSettings scaling, Observation observation, Set<Long> claimedElsewhere,
                        StartSlots slots) {
        this.scaling = scaling;
        this.observation = observation;
        this.claimedElsewhere = claimedElsewhere;
        this.slots = slots;
    }

    /** Reports this instance's live runners and asks for its part. */
    static ClusterPart of(Coordinator coordinator, ScalingSettings configured, Observation seen) {
        int live = seen.liveContainers();
        ClusterLimits limits = coordinator.report(live, configured.minRunners(), configured.maxRunners());
        List<Long> jobs = seen.matchingJobs().stream().map(QueuedJob::id).toList();
        Set<Long> elsewhere = jobs.isEmpty() ? Set.of() : coordinator.claimedElsewhere(jobs);
        return new ClusterPart(configured.withLimits(limits.minRunners(), limits.maxRunners()),
                seen.withoutJobs(elsewhere), elsewhere, new StartSlots(coordinator, live, configured.maxRunners()));
    }

    ScalingSettings scaling() {
        return scaling;
    }

    /** The observation without the jobs claimed elsewhere: the policy decides on this instance's part. */
    Observation observation() {
        return observation;
    }

    StartSlots slots() {
        return slots;
    }

    /** The decision with the reason why the jobs claimed elsewhere wait, for the status view. */
    Decision explain(Decision decision) {
        if (claimedElsewhere.isEmpty()) {
            return decision;
        }
        Map<Long, WaitReason> waits = new HashMap<>(decision.waits());
        claimedElsewhere.forEach(job -> waits.put(job, WaitReason.of(WaitReason.Kind.CLAIMED_ELSEWHERE)));
        return new Decision(decision.desired(), decision.starts(), decision.removals(), decision.stuckJobs(), waits);
    }
}
