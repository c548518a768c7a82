package io.runnerorchestrator.bench.policy;

import io.runnerorchestrator.core.DecisionPolicy;
import io.runnerorchestrator.core.ScalingSettings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scaling rules the benchmark puts side by side, all driven through the same core. */
public enum BenchPolicy {
    STATIC("static pool at MAX (seed v1.0)", new StaticPoolPolicy()),
    SEED("seed thresholds, literal", new SeedThresholdPolicy()),
    DEMAND("demand: MIN + queued + busy (ARC-like)", new DemandPolicy()),
    OURS("ours: core ScalingPolicy, predictive warm pool on", DecisionPolicy.SCALING_POLICY);

    private final String description;
    private final DecisionPolicy rules;

    BenchPolicy(String description, DecisionPolicy rules) {
        this.description = description;
        this.rules = rules;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public DecisionPolicy rules() {
        return rules;
    }

    /** The settings a run of this policy uses: ours runs with the predictive warm pool on. */
    public ScalingSettings settings(ScalingSettings defaults) {
        return this == OURS ? defaults.withWarmPool(ScalingSettings.WarmPool.PREDICTIVE) : defaults;
    }

    public static BenchPolicy parse(String text) {
        return Arrays.stream(values()).filter(p -> p.label().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + text + "': use one of "
                        + Arrays.stream(values()).map(BenchPolicy::label).collect(Collectors.joining(", "))));
    }
}
