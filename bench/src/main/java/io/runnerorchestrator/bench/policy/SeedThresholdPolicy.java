package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.DecisionPolicy;
import io.runnerorchestrator.core.Observation;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.StartReason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The seed's thresholds taken literally: one more runner per pass while at least SCALE_UP_THRESHOLD
 * jobs are queued (however many runners are already booting for them); while at most
 * SCALE_DOWN_THRESHOLD are queued, one runner idle longer than IDLE_TIMEOUT goes per pass, never
 * below MIN_RUNNERS; the pool is refilled to MIN_RUNNERS.
 */
final class SeedThresholdPolicy implements DecisionPolicy {

    @Override
    public Decision decide(ScalingSettings settings, Observation observation, Instant now) {
        PoolView pool = new PoolView(settings, observation);
        int belowMin = Math.max(0, settings.minRunners() - pool.counted());
        int up = pool.queued >= settings.scaleUpThreshold() ? 1 : 0;
        int starts = Math.max(belowMin, up);
        if (starts > 0) {
            return pool.decision(starts, up > 0 ? StartReason.QUEUE : StartReason.MIN_RUNNERS, List.of());
        }
        boolean scaleDown = pool.queued <= settings.scaleDownThreshold() && pool.counted() > settings.minRunners();
        List<RunnerView> expired = pool.idle.stream()
                .filter(r -> Duration.between(r.idleSince().orElse(now), now).compareTo(settings.idleTimeout()) > 0)
                .limit(scaleDown ? 1 : 0)
                .toList();
        return pool.decision(0, StartReason.MIN_RUNNERS, expired);
    }
}
