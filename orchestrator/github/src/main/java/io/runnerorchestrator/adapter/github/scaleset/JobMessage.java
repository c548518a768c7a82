package io.runnerorchestrator.adapter.github.scaleset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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

    /**
     * The starts and completions among the messages, as calls of {@code started(job, runner)} and
     * {@code completed(job, runner)}; a blank runner name counts as none, and a start without one says nothing.
     */
    public static Consumer<JobMessage> runnerNews(BiConsumer<Long, String> started,
                                                  BiConsumer<Long, Optional<String>> completed) {
        return message -> {
            Optional<String> runner = message.runnerName().filter(name -> !name.isBlank());
            switch (message.type()) {
                case "JobStarted" -> runner.ifPresent(name -> started.accept(message.runnerRequestId(), name));
                case "JobCompleted" -> completed.accept(message.runnerRequestId(), runner);
                default -> {
                    // the queue itself is read from the scale set's demand on every pass
                }
            }
        };
    }
}
