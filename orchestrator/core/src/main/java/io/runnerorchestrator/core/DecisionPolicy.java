package io.runnerorchestrator.core;

import java.time.Instant;

/**
 * The decide step of a reconcile pass: a pure function of (settings, observation, now) returning a
 * {@link Decision}. The orchestrator always uses {@link #SCALING_POLICY}; the seam exists so that the
 * benchmark can run other rules through the same observe and act steps.
 */
@FunctionalInterface
public interface DecisionPolicy {

    DecisionPolicy SCALING_POLICY = ScalingPolicy::decide;

    Decision decide(ScalingSettings settings, Observation observation, Instant now);
}
