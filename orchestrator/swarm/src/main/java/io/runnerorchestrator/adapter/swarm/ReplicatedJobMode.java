package io.runnerorchestrator.adapter.swarm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ServiceModeConfig;

/**
 * The {@code replicated-job} service mode (API 1.41), which docker-java 3.7.0's
 * {@link ServiceModeConfig} lacks: serialized as {@code "Mode": {"ReplicatedJob": {"MaxConcurrent": 1,
 * "TotalCompletions": 1}}}. A job's task is never replaced once it ends, whatever its exit, which is
 * what an ephemeral runner is. Reading services back is unaffected: docker-java's mapper ignores the
 * property it does not know (the listed mode has neither replicated nor global; nothing here reads it).
 */
final class ReplicatedJobMode extends ServiceModeConfig {

    private static final long serialVersionUID = 1L;
    static final String PROPERTY = "ReplicatedJob";

    @JsonProperty(PROPERTY)
    private final Completions replicatedJob = new Completions(1, 1);

    Completions replicatedJob() {
        return replicatedJob;
    }

    /** One task, run to completion once. */
    record Completions(@JsonProperty("MaxConcurrent") long maxConcurrent,
                       @JsonProperty("TotalCompletions") long totalCompletions) implements java.io.Serializable {
    }
}
