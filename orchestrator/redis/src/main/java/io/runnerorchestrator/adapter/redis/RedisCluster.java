package io.runnerorchestrator.adapter.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cluster's shared state in Redis, one typed call per step; every step that must be atomic is a
 * Lua script (under {@code resources/redis/}). Times are the Redis server's, so the hosts' clocks do
 * not matter. Throws Spring's {@code DataAccessException} when Redis fails or cannot be reached.
 */
final class RedisCluster {

    /** What the live others use, and this instance's MIN share. */
    record Report(int othersUsage, Optional<Integer> minShare, List<String> liveIds) {
    }

    /** Everything the status view shows, read at one server time. */
    record Snapshot(long now, Map<String, String> members, Set<TypedTuple<String>> alive, Map<String, String> runners,
                    Map<String, String> reserved, Map<String, String> placement, Optional<String> lease) {
    }

    private static final RedisScript<Long> HEARTBEAT = script("heartbeat", Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REPORT = script("report", List.class);
    private static final RedisScript<Long> RESERVE = script("reserve", Long.class);
    private static final RedisScript<Long> CLAIM = script("claim", Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIMED = script("claimed", List.class);
    private static final RedisScript<Long> RELEASE = script("release", Long.class);
    private static final RedisScript<Long> LEASE = script("lease", Long.class);
    private static final RedisScript<Long> RESIGN = script("resign", Long.class);
    private static final RedisScript<Long> PLACE = script("place", Long.class);
    private static final RedisScript<Long> DEAD_RUNNERS = script("dead_runners", Long.class);

    private final StringRedisTemplate redis;
    private final RedisClusterSettings settings;
    private final ClusterKeys keys;
    private final String me;
    private final String ttlMs;

    RedisCluster(StringRedisTemplate redis, RedisClusterSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.keys = new ClusterKeys(settings.namespace());
        this.me = settings.instanceId();
        this.ttlMs = Long.toString(settings.ttl().toMillis());
    }

    /** Keeps this instance alive; {@code rejoin} overwrites its counts, otherwise they are only restored. */
    void heartbeat(int runners, int reserved, boolean rejoin) {
        redis.execute(HEARTBEAT, List.of(keys.alive(), keys.members(), keys.runners(), keys.reserved()), me, ttlMs,
                settings.runnerPrefix(), Integer.toString(runners), Integer.toString(reserved),
                rejoin ? "rejoin" : "tick");
    }

    Report report(int runners) {
        List<?> answer = redis.execute(REPORT, List.of(keys.alive(), keys.members(), keys.runners(), keys.reserved(),
                keys.placement()), me, ttlMs, settings.runnerPrefix(), Integer.toString(runners));
        int share = Integer.parseInt(answer.get(1).toString());
        List<String> live = answer.subList(2, answer.size()).stream().map(Object::toString).toList();
        return new Report(Integer.parseInt(answer.get(0).toString()), share < 0 ? Optional.empty() : Optional.of(share),
                live);
    }

    int reserve(int runners, int wanted, int clusterMax) {
        return redis.execute(RESERVE, keys.usage(), me, ttlMs, Integer.toString(runners), Integer.toString(wanted),
                Integer.toString(clusterMax)).intValue();
    }

    /** First claim wins; a claim of a dead member is taken over. */
    boolean claim(long jobId, Duration ttl) {
        return claim(jobId, ttl, "claim");
    }

    /** After a rejoin: holds on to a claim made while Redis was away, unless a live member holds it. */
    boolean reassert(long jobId, Duration ttl) {
        return claim(jobId, ttl, "reassert");
    }

    /** Those of the jobs that another live member holds a claim on. */
    Set<Long> claimedElsewhere(List<Long> jobIds) {
        List<String> claimKeys = new ArrayList<>(List.of(keys.alive()));
        List<String> args = new ArrayList<>(List.of(me));
        for (long jobId : jobIds) {
            claimKeys.add(keys.claim(jobId));
            args.add(Long.toString(jobId));
        }
        List<?> answer = redis.execute(CLAIMED, claimKeys, args.toArray());
        return answer.stream().map(id -> Long.parseLong(id.toString())).collect(Collectors.toUnmodifiableSet());
    }

    void release(long jobId) {
        redis.execute(RELEASE, List.of(keys.claim(jobId)), me);
    }

    boolean firstDelivery(String deliveryId) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(keys.delivery(deliveryId), me,
                RedisClusterSettings.DELIVERY_MEMORY));
    }

    void share(String name, String value, Duration ttl) {
        redis.opsForValue().set(keys.shared(name), value, ttl);
    }

    Optional<String> shared(String name) {
        return Optional.ofNullable(redis.opsForValue().get(keys.shared(name)));
    }

    /** Takes or renews the leader lease: the fencing token while held, 0 when another member holds it. */
    long lease() {
        return redis.execute(LEASE, List.of(keys.lease(), keys.fence()), me, ttlMs);
    }

    void resign(long token) {
        redis.execute(RESIGN, List.of(keys.lease()), me, Long.toString(token));
    }

    /** Writes the MIN placement; false when fenced off (this token no longer holds the lease). */
    boolean place(long token, Map<String, Integer> shares) {
        List<String> args = new ArrayList<>(List.of(me, Long.toString(token)));
        shares.forEach((id, share) -> {
            args.add(id);
            args.add(Integer.toString(share));
        });
        return redis.execute(PLACE, List.of(keys.lease(), keys.placement()), args.toArray()) == 1L;
    }

    /**
     * The leader's count of the online runners of dead members' prefixes, replacing what those members
     * last reported; false when fenced off.
     */
    boolean deadRunners(long token, Map<String, Integer> onlineByPrefix) {
        List<String> args = new ArrayList<>(List.of(me, Long.toString(token)));
        onlineByPrefix.forEach((prefix, online) -> {
            args.add(prefix);
            args.add(Integer.toString(online));
        });
        return redis.execute(DEAD_RUNNERS, List.of(keys.alive(), keys.members(), keys.runners(), keys.reserved(),
                keys.lease()), args.toArray()) == 1L;
    }

    Snapshot snapshot() {
        Long now = redis.execute((RedisCallback<Long>) c -> c.serverCommands().time());
        return new Snapshot(now == null ? 0 : now, hash(keys.members()),
                Optional.ofNullable(redis.opsForZSet().rangeWithScores(keys.alive(), 0, -1)).orElse(Set.of()),
                hash(keys.runners()), hash(keys.reserved()), hash(keys.placement()),
                Optional.ofNullable(redis.opsForValue().get(keys.lease())));
    }

    /** Drops every trace of a member long dead. */
    void forget(String instanceId) {
        redis.opsForZSet().remove(keys.alive(), instanceId);
        for (String hash : List.of(keys.members(), keys.runners(), keys.reserved(), keys.placement())) {
            redis.opsForHash().delete(hash, instanceId);
        }
    }

    private boolean claim(long jobId, Duration ttl, String mode) {
        return redis.execute(CLAIM, List.of(keys.claim(jobId), keys.alive()), me,
                Long.toString(Math.max(1, ttl.toMillis())), mode) == 1L;
    }

    private Map<String, String> hash(String key) {
        Map<String, String> values = new TreeMap<>();
        redis.<String, String>opsForHash().entries(key).forEach(values::put);
        return values;
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return RedisScript.of(new ClassPathResource("redis/" + name + ".lua"), type);
    }
}
