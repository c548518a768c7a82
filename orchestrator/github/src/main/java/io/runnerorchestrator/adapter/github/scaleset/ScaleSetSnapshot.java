package io.runnerorchestrator.adapter.github.scaleset;

import java.util.List;

/**
 * What the instance holding the scale set's session knows and the standby instances of a cluster do
 * not: the scale set, its latest statistics, the acquired jobs no runner started yet, and the
 * {@code JobStarted} message of each busy runner. No credential is in it.
 */
record ScaleSetSnapshot(ScaleSet scaleSet, ScaleSetStatistics statistics, List<JobMessage> waiting,
                        List<JobMessage> busy) {

    ScaleSetSnapshot {
        waiting = List.copyOf(waiting);
        busy = List.copyOf(busy);
    }
}
