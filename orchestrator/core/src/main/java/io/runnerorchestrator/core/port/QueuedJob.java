package io.runnerorchestrator.core.port;

import java.time.Instant;
import java.util.List;

/** A workflow job waiting for a runner. {@code labels} is the job's {@code runs-on}. */
public record QueuedJob(long id, long runId, String repository, List<String> labels, Instant createdAt) {
    public QueuedJob {
        labels = List.copyOf(labels);
    }
}
