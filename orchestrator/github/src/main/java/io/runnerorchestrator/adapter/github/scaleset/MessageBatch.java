package io.runnerorchestrator.adapter.github.scaleset;

import java.util.List;

/** One answer of the long poll: acknowledge {@link #id()} once handled, or it comes again. */
public record MessageBatch(long id, List<JobMessage> messages, ScaleSetStatistics statistics) {

    public MessageBatch {
        messages = List.copyOf(messages);
    }
}
