package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.core.ScalingSettings;

import java.time.Duration;

/**
 * One run to make: a trace, a policy, a mode and the orchestrator's scaling settings.
 *
 * @param warmup how long the loop runs before the trace starts, so that every pool begins warm
 */
public record RunSetup(Trace trace, BenchPolicy policy, Mode mode, ScalingSettings scaling, Duration warmup) {

    /** The orchestrator's defaults (those of README.md) with the given pool size. */
    public static ScalingSettings defaults(int minRunners, int maxRunners) {
        return new ScalingSettings(minRunners, maxRunners, 3, 1, Duration.ofSeconds(300), Duration.ofSeconds(30),
                Duration.ofSeconds(120));
    }
}
