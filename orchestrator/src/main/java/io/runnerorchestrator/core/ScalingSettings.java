package io.runnerorchestrator.core;

import java.time.Duration;

/**
 * The scaling knobs, validated by the configuration loader before they get here.
 *
 * @param scaleUpThreshold   matching queued jobs at which the pool grows for all of them at once
 * @param scaleDownThreshold idle runners are only removed while queued jobs are at most this many
 * @param bootTimeout        a runner not online by then is removed and counted as a failed start
 */
public record ScalingSettings(int minRunners, int maxRunners, int scaleUpThreshold, int scaleDownThreshold,
                              Duration idleTimeout, Duration pollInterval, Duration bootTimeout) {
    public ScalingSettings {
        if (minRunners < 0 || maxRunners < minRunners) {
            throw new IllegalArgumentException("need 0 <= minRunners <= maxRunners, got " + minRunners + ".." + maxRunners);
        }
    }

    /** The same knobs with this instance's share of MIN and MAX (see {@code Coordinator.report}). */
    public ScalingSettings withLimits(int min, int max) {
        return new ScalingSettings(min, max, scaleUpThreshold, scaleDownThreshold, idleTimeout, pollInterval,
                bootTimeout);
    }
}
