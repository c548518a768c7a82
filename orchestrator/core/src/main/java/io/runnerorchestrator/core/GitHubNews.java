package io.runnerorchestrator.core;

/** How the passes between two full looks at GitHub learn what changed there ({@link GitHubPicture}). */
public enum GitHubNews {
    /**
     * Webhooks, best effort (REST demand): a pass without news looks at GitHub fully, and the queue is a
     * REST scan, done only every few poll intervals while webhooks arrive.
     */
    WEBHOOKS,
    /**
     * A runner scale set's message queue: every job start and completion of the set's runners reaches
     * {@link QueueHints} (messages come again until acknowledged), and the queue is kept in memory from
     * the messages, so every pass reads it at no cost. Between full looks a pass then asks GitHub for
     * nothing, news or not; the full look every poll interval stays the safety net.
     */
    MESSAGE_STREAM
}
