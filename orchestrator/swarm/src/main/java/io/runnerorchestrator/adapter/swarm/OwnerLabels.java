package io.runnerorchestrator.adapter.swarm;

import java.util.Map;

/**
 * The labels that mark a service or secret as ours: the same keys and values as the docker
 * backend's containers (an operator filters both alike). Nothing without {@link #MANAGED_BY} and
 * this instance's {@link #INSTANCE} value is ever listed or touched.
 */
public record OwnerLabels(String instanceId) {

    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "runner-orchestrator";
    public static final String INSTANCE = "runner-orchestrator.instance";
    public static final String RUNNER = "runner-orchestrator.runner";

    public OwnerLabels {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    /** The labels a runner's service, its container and its secrets get. */
    public Map<String, String> forRunner(String runnerName) {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, INSTANCE, instanceId, RUNNER, runnerName);
    }

    /** The label filter for listing: managed by us AND owned by this instance (Docker ANDs label filters). */
    public Map<String, String> filter() {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, INSTANCE, instanceId);
    }

    public boolean owns(Map<String, String> labels) {
        return labels != null && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY)) && instanceId.equals(labels.get(INSTANCE));
    }
}
