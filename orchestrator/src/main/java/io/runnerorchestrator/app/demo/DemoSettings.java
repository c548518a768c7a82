package io.runnerorchestrator.app.demo;

import io.runnerorchestrator.app.config.EnvReader;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's own knobs.
 *
 * @param burstInterval ORCHESTRATOR_DEMO_BURST_INTERVAL: a fixed time between bursts of jobs instead
 *                      of a random 30-60 s (tests use a few seconds)
 */
record DemoSettings(Optional<Duration> burstInterval) {

    static final String BURST_INTERVAL = "ORCHESTRATOR_DEMO_BURST_INTERVAL";

    /** Throws {@link io.runnerorchestrator.app.config.ConfigException} naming the variable. */
    static DemoSettings from(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        return new DemoSettings(env.optional(BURST_INTERVAL)
                .map(set -> env.duration(BURST_INTERVAL, Duration.ZERO, Duration.ofSeconds(1))));
    }
}
