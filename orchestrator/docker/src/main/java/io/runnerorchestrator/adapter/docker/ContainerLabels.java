package io.runnerorchestrator.adapter.docker;

import java.util.Map;

/**
 * The labels that mark a container as ours. Every runner container carries all three; a container
 * without {@link #MANAGED_BY} and this instance's {@link #INSTANCE} value is never listed or touched.
 */
public record ContainerLabels(String instanceId) {

    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "runner-orchestrator";
    public static final String INSTANCE = "runner-orchestrator.instance";
    public static final String RUNNER = "runner-orchestrator.runner";

    public ContainerLabels {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    /** The labels a new runner container gets. */
    public Map<String, String> forRunner(String runnerName) {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, INSTANCE, instanceId, RUNNER, runnerName);
    }

    /** The label filter for listing: managed by us AND owned by this instance (Docker ANDs label filters). */
    public Map<String, String> filter() {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, INSTANCE, instanceId);
    }

    /** Whether a container with these labels belongs to this instance. */
    public boolean owns(Map<String, String> labels) {
        return labels != null
                && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY))
                && instanceId.equals(labels.get(INSTANCE));
    }
}
