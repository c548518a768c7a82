package io.runnerorchestrator.core;

import java.time.Duration;

/**
 * The scaling knobs, validated by the configuration loader before they get here.
 *
 * @param scaleUpThreshold   matching queued jobs at which the pass also starts a burst buffer of spare runners
 * @param scaleDownThreshold idle runners are only removed while queued jobs are at most this many
 * @param bootTimeout        a runner not online by then is removed and counted as a failed start
 * @param startConcurrency   runners registered and started at the same time within one pass
 * @param warmPool           whether spare runners are kept for the arrivals a forecast expects
 */
public record ScalingSettings(int minRunners, int maxRunners, int scaleUpThreshold, int scaleDownThreshold,
                              Duration idleTimeout, Duration pollInterval, Duration bootTimeout,
                              int startConcurrency, WarmPool warmPool) {

    /** The start concurrency chosen by measurement (docs/benchmarks.md). */
    public static final int DEFAULT_START_CONCURRENCY = 8;

    /** How the pool keeps spare runners beyond MIN_RUNNERS. */
    public enum WarmPool {
        /** None but the burst buffer. */
        OFF,
        /** As many spare runners as jobs are expected to arrive within one boot time (see {@link ArrivalForecast}). */
        PREDICTIVE
    }

    public ScalingSettings {
        if (minRunners < 0 || maxRunners < minRunners) {
            throw new IllegalArgumentException("need 0 <= minRunners <= maxRunners, got " + minRunners + ".." + maxRunners);
        }
        if (startConcurrency < 1) {
            throw new IllegalArgumentException("need startConcurrency >= 1, got " + startConcurrency);
        }
    }

    /** With the default start concurrency and no warm pool. */
    public ScalingSettings(int minRunners, int maxRunners, int scaleUpThreshold, int scaleDownThreshold,
                           Duration idleTimeout, Duration pollInterval, Duration bootTimeout) {
        this(minRunners, maxRunners, scaleUpThreshold, scaleDownThreshold, idleTimeout, pollInterval, bootTimeout,
                DEFAULT_START_CONCURRENCY, WarmPool.OFF);
    }

    /** The same knobs with this instance's share of MIN and MAX (see {@code Coordinator.report}). */
    public ScalingSettings withLimits(int min, int max) {
        return new ScalingSettings(min, max, scaleUpThreshold, scaleDownThreshold, idleTimeout, pollInterval,
                bootTimeout, startConcurrency, warmPool);
    }

    public ScalingSettings withStartConcurrency(int concurrency) {
        return new ScalingSettings(minRunners, maxRunners, scaleUpThreshold, scaleDownThreshold, idleTimeout,
                pollInterval, bootTimeout, concurrency, warmPool);
    }

    public ScalingSettings withWarmPool(WarmPool pool) {
        return new ScalingSettings(minRunners, maxRunners, scaleUpThreshold, scaleDownThreshold, idleTimeout,
                pollInterval, bootTimeout, startConcurrency, pool);
    }
}
