package io.runnerorchestrator.adapter.redis;

import io.runnerorchestrator.adapter.redis.ClusterHeartbeat.Usage;
import io.runnerorchestrator.core.port.ClusterLimits;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.Coordinator;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Coordination of several orchestrator instances through Redis: job claims, webhook deliveries,
 * places under the cluster's MAX_RUNNERS, shares of MIN_RUNNERS, and the leader lease.
 * <p>
 * Degraded mode: when a call fails, the instance goes on alone on a fixed local share (an even split
 * of MIN and MAX over the members alive at the last heartbeat, see {@link Shares}), with claims and
 * delivery ids in memory, and makes no Redis call from the reconcile thread. The heartbeat keeps
 * trying; once Redis answers it writes this instance's counts (absolute, so nothing is counted twice)
 * and the claims it made meanwhile. For one ttl more it keeps within its local share: a restarted
 * Redis does not know yet what the members still on their way back hold.
 */
public final class RedisCoordinator implements Coordinator, AutoCloseable {

    private final RedisClusterSettings settings;
    private final RedisCluster cluster;
    private final Connectivity link;
    private final LeaderLease lease;
    private final HeldClaims held;
    private final Coordinator local;
    private final ClusterHeartbeat heartbeat;
    private final AtomicReference<Usage> usage = new AtomicReference<>(new Usage(0, 0));
    private volatile int clusterMin = -1;

    /**
     * @param local answers claims and deliveries while Redis does not: the in-process coordinator
     *              (core.local), handed in so that this adapter sees nothing of core but its ports
     */
    public RedisCoordinator(StringRedisTemplate redis, RedisClusterSettings settings, Coordinator local, Clock clock) {
        this.settings = settings;
        this.cluster = new RedisCluster(redis, settings);
        this.link = new Connectivity(clock, settings.ttl());
        this.lease = new LeaderLease(settings.leaseTrust(), System::nanoTime);
        this.held = new HeldClaims(clock);
        this.local = local;
        this.heartbeat = new ClusterHeartbeat(cluster, settings, link, lease, held, usage::get, () -> clusterMin);
    }

    /** Joins the cluster (one heartbeat now) and starts the heartbeat loop. */
    public void start() {
        heartbeat.start();
    }

    @Override
    public boolean claimJob(long jobId, Duration ttl) {
        boolean claimed = shared("claim", () -> cluster.claim(jobId, ttl), () -> local.claimJob(jobId, ttl));
        if (claimed) {
            held.held(jobId, ttl);
        }
        return claimed;
    }

    @Override
    public void releaseJob(long jobId) {
        held.released(jobId);
        local.releaseJob(jobId);
        shared("release", () -> {
            cluster.release(jobId);
            return null;
        }, () -> null);
    }

    @Override
    public Set<Long> claimedElsewhere(List<Long> jobIds) {
        return shared("claimed_elsewhere", () -> cluster.claimedElsewhere(jobIds), Set::of);
    }

    @Override
    public boolean firstDelivery(String deliveryId) {
        boolean newHere = local.firstDelivery(deliveryId);
        return shared("delivery", () -> cluster.firstDelivery(deliveryId), () -> true) && newHere;
    }

    @Override
    public ClusterLimits report(int runners, int clusterMin, int clusterMax) {
        this.clusterMin = clusterMin;
        usage.set(new Usage(runners, 0));
        return shared("report", () -> {
            RedisCluster.Report report = cluster.report(runners);
            // Not yet placed by a leader (just joined, or no leader yet): the even split.
            int minShare = report.minShare().orElseGet(() -> Shares.of(clusterMin, report.liveIds(),
                    settings.instanceId()));
            int max = Math.max(0, clusterMax - report.othersUsage());
            return new ClusterLimits(minShare, link.settling() ? Math.min(max, localShare(clusterMax)) : max, false);
        }, () -> new ClusterLimits(localShare(clusterMin), degradedMax(clusterMax), true));
    }

    @Override
    public int reserveSlots(int runners, int wanted, int clusterMax) {
        int withinShare = Math.max(0, Math.min(wanted, degradedMax(clusterMax) - runners));
        // Just rejoined: Redis may not know yet what the members still on their way back hold.
        int asked = link.settling() ? withinShare : wanted;
        int granted = shared("reserve", () -> cluster.reserve(runners, asked, clusterMax), () -> withinShare);
        usage.set(new Usage(runners, granted));
        return granted;
    }

    @Override
    public Set<String> deadPeerPrefixes() {
        if (!isLeader()) {
            return Set.of();
        }
        // Read afresh: a member that just came back must not lose its booting runners' registrations.
        return shared("dead_peers", () -> ClusterSnapshots.deadPrefixes(cluster.snapshot(), settings.instanceId()),
                Set::of);
    }

    @Override
    public void deadPeerRunners(Map<String, Integer> onlineByPrefix) {
        long token = lease.token();
        if (onlineByPrefix.isEmpty() || token == 0 || link.degraded()) {
            return;
        }
        shared("dead_peer_runners", () -> cluster.deadRunners(token, onlineByPrefix), () -> false);
    }

    @Override
    public boolean leads() {
        return isLeader();
    }

    @Override
    public void share(String name, String value, Duration ttl) {
        shared("share", () -> {
            cluster.share(name, value, ttl);
            return null;
        }, () -> null);
    }

    @Override
    public Optional<String> shared(String name) {
        return shared("shared", () -> cluster.shared(name), Optional::empty);
    }

    @Override
    public ClusterView status() {
        return heartbeat.view();
    }

    /** Holds the leader lease now, as far as this instance can trust it. */
    public boolean isLeader() {
        return !link.degraded() && lease.held();
    }

    /** Stops the heartbeat and hands the leader lease on at once (otherwise it lapses after the ttl). */
    @Override
    public void close() {
        heartbeat.close();
    }

    /**
     * The MAX this instance keeps to without Redis (and for one ttl after it is back): its share, and
     * never more than what the others were last seen not to use, since a member over its share when
     * Redis went away keeps its runners.
     */
    private int degradedMax(int clusterMax) {
        String me = settings.instanceId();
        int othersLastSeen = heartbeat.view().instances().stream().filter(m -> !m.id().equals(me))
                .mapToInt(m -> m.runners() + m.reserved()).sum();
        return Math.max(0, Math.min(localShare(clusterMax), clusterMax - othersLastSeen));
    }

    private int localShare(int total) {
        return Shares.of(total, heartbeat.shareMembers(), settings.instanceId());
    }

    /** The Redis answer, or the local one while degraded or when this very call fails. */
    private <T> T shared(String during, Supplier<T> redis, Supplier<T> alone) {
        if (link.degraded()) {
            return alone.get();
        }
        try {
            return redis.get();
        } catch (DataAccessException e) {
            link.failed(during, e);
            lease.lost("redis_unreachable");
            return alone.get();
        }
    }
}
