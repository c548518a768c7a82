package io.runnerorchestrator.demo;

import io.runnerorchestrator.core.config.EnvReader;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's own knobs.
 *
 * @param burstInterval ORCHESTRATOR_DEMO_BURST_INTERVAL: a fixed time between bursts of jobs instead
 *                      of a random 30-60 s (tests use a few seconds)
 */
public record DemoSettings(Optional<Duration> burstInterval) {

    static final String BURST_INTERVAL = "ORCHESTRATOR_DEMO_BURST_INTERVAL";

    /** Throws {@link io.runnerorchestrator.core.config.ConfigException} naming the variable. */
    public static DemoSettings from(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        return new DemoSettings(env.optional(BURST_INTERVAL)
                .map(set -> env.duration(BURST_INTERVAL, Duration.ZERO, Duration.ofSeconds(1))));
    }
}
