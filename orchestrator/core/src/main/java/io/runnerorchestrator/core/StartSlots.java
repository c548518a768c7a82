package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.Coordinator;

/**
 * Places under the cluster's MAX_RUNNERS for the starts of one pass, taken from the coordinator in one
 * step just before the starts begin, so that instances deciding at the same moment cannot overshoot.
 */
final class StartSlots {
    private final Coordinator coordinator;
    private final int clusterMax;
    private int runners;

    /** @param runners this instance's live runners when the pass observed them */
    StartSlots(Coordinator coordinator, int runners, int clusterMax) {
        this.coordinator = coordinator;
        this.runners = runners;
        this.clusterMax = clusterMax;
    }

    /** Up to {@code wanted} places for runners about to start; fewer (or none) when the cluster nears MAX. */
    int take(int wanted) {
        return wanted <= 0 ? 0 : coordinator.reserveSlots(runners, wanted, clusterMax);
    }

    /** A runner holding a place taken is up: it now counts among this instance's runners. */
    void started() {
        runners++;
    }
}
