package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.DecisionPolicy;
import io.runnerorchestrator.core.Observation;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.StartReason;

import java.time.Instant;
import java.util.List;

/** The seed's v1.0: MAX_RUNNERS runners at all times; each one that finishes its job is replaced. */
final class StaticPoolPolicy implements DecisionPolicy {

    @Override
    public Decision decide(ScalingSettings settings, Observation observation, Instant now) {
        PoolView pool = new PoolView(settings, observation);
        return pool.decision(pool.capacity, StartReason.MIN_RUNNERS, List.of());
    }
}
