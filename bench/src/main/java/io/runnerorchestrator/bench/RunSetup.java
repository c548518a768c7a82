package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.core.ScalingSettings;

import java.time.Duration;

/**
 * One run to make: a trace, a policy, a mode and the orchestrator's scaling settings.
 *
 * @param warmup   how long the loop runs before the trace starts, so that every pool begins warm (virtual
 *                 clock; on Docker the run waits for the warm pool instead)
 * @param idleTail how long the run goes on after the last job, once the passes it triggered are over
 *                 (one poll interval): the starts and removals that follow the work, and an idle pool
 */
public record RunSetup(Trace trace, BenchPolicy policy, Mode mode, ScalingSettings scaling, Duration warmup,
                       Duration idleTail) {

    /** Idle tail of the benchmark's runs: more than a poll interval, so at least one periodic pass. */
    public static final Duration IDLE_TAIL = Duration.ofSeconds(35);

    /**
     * The orchestrator's defaults (those of README.md) with the given pool size; the system property
     * {@code bench.startConcurrency} sets another start concurrency (how the default was chosen).
     */
    public static ScalingSettings defaults(int minRunners, int maxRunners) {
        return new ScalingSettings(minRunners, maxRunners, 3, 1, Duration.ofSeconds(300), Duration.ofSeconds(30),
                Duration.ofSeconds(120), Integer.getInteger("bench.startConcurrency",
                ScalingSettings.DEFAULT_START_CONCURRENCY), ScalingSettings.WarmPool.OFF);
    }
}
