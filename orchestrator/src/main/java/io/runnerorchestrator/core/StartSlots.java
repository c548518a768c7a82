package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.Coordinator;

/**
 * Places under the cluster's MAX_RUNNERS for the starts of one pass, taken from the coordinator one
 * at a time just before each start, so that instances deciding at the same moment cannot overshoot.
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

    /** One place for the runner about to start; false when the cluster is at MAX. */
    boolean take() {
        return coordinator.reserveSlots(runners, 1, clusterMax) > 0;
    }

    /** The runner holding the last place taken is up: it now counts among this instance's runners. */
    void started() {
        runners++;
    }
}
