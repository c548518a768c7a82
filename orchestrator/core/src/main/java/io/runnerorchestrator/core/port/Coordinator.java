package io.runnerorchestrator.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What several orchestrator instances must agree on: job claims, webhook deliveries, places under
 * MAX_RUNNERS, the share of MIN_RUNNERS each keeps, and who does the cluster-wide chores. The local
 * implementation answers for one instance alone (the defaults below); the Redis one for a cluster.
 * No method throws: a coordinator that cannot reach its store answers for its own share and says so
 * in {@link #status()}.
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

    /**
     * Those of the jobs that another live instance has claimed: it has a runner on its way for them.
     * An instance alone has none.
     */
    default Set<Long> claimedElsewhere(List<Long> jobIds) {
        return Set.of();
    }

    /** True the first time a webhook delivery id is seen (redeliveries reuse the id). */
    boolean firstDelivery(String deliveryId);

    /**
     * Reports this instance's live runners (containers not yet gone) at the start of a pass, and answers
     * the MIN and MAX this instance may use in it: the configured ones for an instance alone; in a
     * cluster, its placed share of MIN and what the others leave of MAX.
     */
    default ClusterLimits report(int runners, int clusterMin, int clusterMax) {
        return ClusterLimits.alone(clusterMin, clusterMax);
    }

    /**
     * Atomically takes up to {@code wanted} places under {@code clusterMax} for runners about to start,
     * this instance having {@code runners} live now; answers how many it got. Two instances racing for
     * the last place never both get it.
     */
    default int reserveSlots(int runners, int wanted, int clusterMax) {
        return Math.max(0, Math.min(wanted, clusterMax - runners));
    }

    /**
     * Runner name prefixes of cluster members that are gone (no heartbeat) and whose prefix no live
     * member uses: their offline registrations have no owner left. Empty unless this instance leads.
     */
    default Set<String> deadPeerPrefixes() {
        return Set.of();
    }

    /**
     * The leader's count, from a full look at GitHub, of the online runners of each prefix
     * {@link #deadPeerPrefixes()} offered (zero included). A member killed without stopping leaves its
     * containers running; until it is back they count against MAX_RUNNERS as this count says.
     */
    default void deadPeerRunners(Map<String, Integer> onlineByPrefix) {
    }

    /**
     * True while this instance may do what only one member at a time may do, such as holding a runner
     * scale set's message session: the leader of a cluster; an instance alone always.
     */
    default boolean leads() {
        return true;
    }

    /**
     * Shares a small value with the other members under {@code name} for {@code ttl} (the latest write
     * wins). Alone, or while the store cannot be reached, it goes nowhere.
     */
    default void share(String name, String value, Duration ttl) {
    }

    /** The value a member shared under {@code name}, while it lives; empty alone or without the store. */
    default Optional<String> shared(String name) {
        return Optional.empty();
    }

    /** The cluster as last seen, for the status API and metrics; never a blocking call to the store. */
    default ClusterView status() {
        return ClusterView.ALONE;
    }
}
