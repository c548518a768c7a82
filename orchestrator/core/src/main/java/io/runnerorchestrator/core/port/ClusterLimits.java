package io.runnerorchestrator.core.port;

/**
 * The limits one instance uses for one pass.
 *
 * @param minRunners runners this instance keeps (its share of MIN_RUNNERS)
 * @param maxRunners runners this instance may have (what MAX_RUNNERS leaves after the others)
 * @param degraded   true when the shared store is unreachable and these are a fixed local share
 */
public record ClusterLimits(int minRunners, int maxRunners, boolean degraded) {

    public ClusterLimits {
        if (maxRunners < 0) {
            throw new IllegalArgumentException("maxRunners must not be negative, got " + maxRunners);
        }
        // A share of MIN never exceeds what MAX allows this instance now.
        minRunners = Math.max(0, Math.min(minRunners, maxRunners));
    }

    public static ClusterLimits alone(int minRunners, int maxRunners) {
        return new ClusterLimits(minRunners, maxRunners, false);
    }
}
