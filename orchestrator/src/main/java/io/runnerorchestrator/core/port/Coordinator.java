package io.runnerorchestrator.core.port;

import java.time.Duration;

/**
 * What several orchestrator instances must agree on. The local implementation answers for one
 * instance alone; the Redis one for a cluster.
 */
public interface Coordinator {

    /** True for the first caller to claim the job within {@code ttl}; a claim lapses after it. */
    boolean claimJob(long jobId, Duration ttl);

    /** True the first time a webhook delivery id is seen (redeliveries reuse the id). */
    boolean firstDelivery(String deliveryId);
}
