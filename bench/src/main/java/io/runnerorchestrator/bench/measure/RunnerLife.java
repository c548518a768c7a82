package io.runnerorchestrator.bench.measure;

import java.time.Instant;
import java.util.Optional;

/**
 * One runner container: from the moment it was started to the moment it ended (its job done, or
 * removed); empty while it still runs.
 */
public record RunnerLife(String name, Instant startedAt, Optional<Instant> endedAt) {
}
