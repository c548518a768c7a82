package io.runnerorchestrator.core.port;

import java.time.Duration;

/**
 * What several orchestrator instances must agree on. The local implementation answers for one
 * instance alone; the Redis one for a cluster.
 */
public interface Coordinator {

    /** True for the first caller to claim the job within {@code ttl}; a claim lapses after it. */
    boolean claimJob(long jobId, Duration ttl);

    /**
     * Gives a claim back before it lapses, when the runner started for the job failed to start, so the
     * job is not left waiting for the rest of the ttl. Releasing an unknown claim does nothing.
     */
    default void releaseJob(long jobId) {
    }

    /** True the first time a webhook delivery id is seen (redeliveries reuse the id). */
    boolean firstDelivery(String deliveryId);
}
