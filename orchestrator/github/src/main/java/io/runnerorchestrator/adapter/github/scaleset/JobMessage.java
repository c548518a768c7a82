package io.runnerorchestrator.adapter.github.scaleset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One item of a message batch: {@code JobAvailable}, {@code JobAssigned}, {@code JobStarted} or
 * {@code JobCompleted} (other types are kept, and ignored by the listener).
 *
 * @param runnerRequestId what {@code acquirejobs} takes
 * @param repository      owner/name
 */
public record JobMessage(String type, long runnerRequestId, String repository, List<String> labels,
                         Instant queuedAt, Optional<Long> runnerId, Optional<String> runnerName,
                         Optional<String> result) {

    public JobMessage {
        labels = List.copyOf(labels);
    }
}
