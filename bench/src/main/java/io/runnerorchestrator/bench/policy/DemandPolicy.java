package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.DecisionPolicy;
import io.runnerorchestrator.core.Observation;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.StartReason;

import java.time.Instant;

/**
 * Demand, as actions-runner-controller sizes a scale set: {@code min(MIN + queued + busy, MAX)}
 * runners, one per job plus MIN idle; surplus idle runners go at once, newest idle first.
 */
final class DemandPolicy implements DecisionPolicy {

    @Override
    public Decision decide(ScalingSettings settings, Observation observation, Instant now) {
        PoolView pool = new PoolView(settings, observation);
        int desired = Math.min(settings.minRunners() + pool.queued + pool.busy, settings.maxRunners());
        int surplus = Math.max(0, pool.counted() - desired);
        int removable = Math.min(surplus, pool.idle.size());
        return pool.decision(desired - pool.counted(), StartReason.QUEUE,
                pool.idle.subList(pool.idle.size() - removable, pool.idle.size()));
    }
}
