package io.runnerorchestrator.adapter.redis;

import io.runnerorchestrator.core.port.ClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The background loop ({@value #THREAD_NAME}): keeps this instance alive in Redis, rejoins after an
 * outage, takes or renews the leader lease, and as leader places MIN_RUNNERS and forgets long-dead
 * members; then refreshes the cached cluster view. Never throws: a Redis failure makes the instance
 * degraded until a later tick succeeds.
 */
final class ClusterHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterHeartbeat.class);
    static final String THREAD_NAME = "cluster-heartbeat";

    /** What this instance last told Redis it uses. */
    record Usage(int runners, int reserved) {
    }

    private final RedisCluster cluster;
    private final RedisClusterSettings settings;
    private final Connectivity link;
    private final LeaderLease lease;
    private final HeldClaims held;
    private final Supplier<Usage> usage;
    private final IntSupplier clusterMin;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    private volatile ClusterView view;
    private volatile List<String> shareMembers = List.of();

    /** @param clusterMin MIN_RUNNERS as the last pass stated it, negative before the first pass */
    ClusterHeartbeat(RedisCluster cluster, RedisClusterSettings settings, Connectivity link, LeaderLease lease,
                     HeldClaims held, Supplier<Usage> usage, IntSupplier clusterMin) {
        this.cluster = cluster;
        this.settings = settings;
        this.link = link;
        this.lease = lease;
        this.held = held;
        this.usage = usage;
        this.clusterMin = clusterMin;
        this.view = new ClusterView(true, false, settings.instanceId(), Optional.empty(), List.of());
    }

    /** One tick now (the instance is a member before its first pass), then one every heartbeat interval. */
    void start() {
        tick();
        long every = settings.heartbeatEvery().toMillis();
        thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        log.info("cluster.joined instance={} runner_prefix={} ttl_ms={} degraded={}", settings.instanceId(),
                settings.runnerPrefix(), settings.ttl().toMillis(), link.degraded());
    }

    void tick() {
        try {
            boolean rejoining = link.degraded();
            Usage now = usage.get();
            cluster.heartbeat(now.runners(), now.reserved(), rejoining);
            if (rejoining) {
                held.reassertAll(cluster::reassert);
                link.rejoined();
            }
            long askedAt = System.nanoTime();
            lease.answered(cluster.lease(), askedAt);
            RedisCluster.Snapshot snapshot = cluster.snapshot();
            if (lease.held()) {
                leaderChores(snapshot);
            }
            ClusterView seen = ClusterSnapshots.view(snapshot, settings.instanceId(), false);
            logMembership(liveIds(view), liveIds(seen));
            view = seen;
            shareMembers = link.settling() ? union(shareMembers, liveIds(seen)) : liveIds(seen);
        } catch (DataAccessException e) {
            link.failed("heartbeat", e);
            lease.lost("redis_unreachable");
        } catch (RuntimeException e) {
            // The loop must outlive a bug in one tick, as the reconcile loop does.
            log.error("cluster.heartbeat.failed error={}", e.toString(), e);
        }
    }

    /** The last view read from Redis; while degraded, marked so, with the leader unknown. */
    ClusterView view() {
        ClusterView last = view;
        return link.degraded()
                ? new ClusterView(true, true, last.self(), Optional.empty(), last.instances())
                : last;
    }

    /**
     * The members the local share is split over: those alive at the last tick; while degraded or
     * settling, also every member alive before the outage, so a member not yet back keeps its part.
     */
    List<String> shareMembers() {
        return shareMembers;
    }

    private static List<String> union(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).distinct().sorted().toList();
    }

    private static List<String> liveIds(ClusterView view) {
        return view.instances().stream().filter(ClusterView.ClusterMember::alive).map(ClusterView.ClusterMember::id)
                .toList();
    }

    private static void logMembership(List<String> before, List<String> now) {
        if (!before.equals(now)) {
            log.info("cluster.membership alive={} instances={}", now.size(), String.join(",", now));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        long token = lease.token();
        if (token == 0) {
            return;
        }
        try {
            cluster.resign(token);
            lease.lost(LeaderLease.RESIGNED);
        } catch (DataAccessException e) {
            log.warn("cluster.leader.resign_failed error={}", e.getMessage());
        }
    }

    private void leaderChores(RedisCluster.Snapshot snapshot) {
        int min = clusterMin.getAsInt();
        if (min >= 0) {
            Map<String, Integer> shares = MinPlacement.place(min, ClusterSnapshots.liveRunners(snapshot));
            if (!shares.equals(placedIn(snapshot)) && cluster.place(lease.token(), shares)) {
                log.info("cluster.min.placed min={} shares={}", min, shares);
            }
        }
        long forgetAfter = RedisClusterSettings.FORGET_DEAD_AFTER.toMillis();
        for (String id : ClusterSnapshots.longDead(snapshot, forgetAfter)) {
            cluster.forget(id);
            log.info("cluster.member.forgotten instance={}", id);
        }
    }

    private static Map<String, Integer> placedIn(RedisCluster.Snapshot snapshot) {
        Map<String, Integer> current = new TreeMap<>();
        snapshot.placement().forEach((id, share) -> current.put(id, Integer.parseInt(share)));
        return current;
    }
}
