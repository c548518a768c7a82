package io.runnerorchestrator.core.port;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as one instance last saw it.
 *
 * @param shared    false for an instance coordinating alone in memory
 * @param degraded  the shared store is unreachable: this instance runs on its local share
 * @param self      this instance's id (empty when alone)
 * @param leader    the instance holding the leader lease, when known
 * @param instances every member known, alive or not, ordered by id
 */
public record ClusterView(boolean shared, boolean degraded, String self, Optional<String> leader,
                          List<ClusterMember> instances) {

    public static final ClusterView ALONE = new ClusterView(false, false, "", Optional.empty(), List.of());

    public ClusterView {
        instances = List.copyOf(instances);
    }

    public long alive() {
        return instances.stream().filter(ClusterMember::alive).count();
    }

    /**
     * One orchestrator instance.
     *
     * @param runnerPrefix its runners' name prefix
     * @param runners      live runners it last reported
     * @param reserved     places it took for runners it is starting
     * @param minShare     its share of MIN_RUNNERS as placed by the leader, when placed
     */
    public record ClusterMember(String id, String runnerPrefix, boolean alive, int runners, int reserved,
                                Optional<Integer> minShare) {
    }
}
