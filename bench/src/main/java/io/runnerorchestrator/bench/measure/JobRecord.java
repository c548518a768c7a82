package io.runnerorchestrator.bench.measure;

import java.time.Instant;
import java.util.Optional;

/** One job of a run: when it was queued, when a runner took it and finished it, and which runner. */
public record JobRecord(long id, Instant queuedAt, Optional<Instant> startedAt, Optional<Instant> completedAt,
                        Optional<String> runnerName) {
}
