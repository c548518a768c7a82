package io.runnerorchestrator.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which idle runners go when the pool shrinks, for the policy's idle reaping and for a manual
 * scale-down alike: the longest idle first, and never so many that the pool drops below MIN_RUNNERS.
 */
final class ScaleDownSelection {

    private static final Comparator<RunnerView> LONGEST_IDLE_FIRST =
            Comparator.comparing(r -> r.idleSince().orElse(Instant.MAX));

    private ScaleDownSelection() {
    }

    /**
     * @param candidates idle runners that may go
     * @param counted    runners counted toward MIN and MAX now
     * @param wanted     at most this many
     */
    static List<RunnerView> pick(List<RunnerView> candidates, int counted, int minRunners, long wanted) {
        long removable = Math.min(wanted, Math.min(counted - minRunners, candidates.size()));
        return candidates.stream().sorted(LONGEST_IDLE_FIRST).limit(Math.max(0, removable)).toList();
    }
}
