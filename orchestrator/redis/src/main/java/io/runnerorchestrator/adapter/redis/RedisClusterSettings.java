package io.runnerorchestrator.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How this instance takes part in a Redis-coordinated cluster.
 *
 * @param instanceId   ORCHESTRATOR_INSTANCE_ID: unique in the cluster, stable across restarts
 * @param runnerPrefix this instance's runner name prefix, so the leader can tell whose registrations are whose
 * @param namespace    separates clusters sharing one Redis (the GitHub scope: MAX and MIN are per scope)
 * @param ttl          how long an instance counts as alive after its last heartbeat, and the leader lease
 */
public record RedisClusterSettings(String instanceId, String runnerPrefix, String namespace, Duration ttl) {

    /** A webhook delivery id is remembered this long: GitHub's redeliveries come within days. */
    public static final Duration DELIVERY_MEMORY = Duration.ofDays(3);
    /** Members dead this long are forgotten; by then the leader has cleaned up their registrations. */
    public static final Duration FORGET_DEAD_AFTER = Duration.ofDays(1);
    private static final Duration SHORTEST_TTL = Duration.ofSeconds(1);

    public RedisClusterSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(runnerPrefix, "runnerPrefix");
        Objects.requireNonNull(namespace, "namespace");
        if (instanceId.isBlank() || instanceId.contains("|")) {
            throw new IllegalArgumentException("instance id '" + instanceId + "' must be non-blank without '|'");
        }
        if (ttl.compareTo(SHORTEST_TTL) < 0) {
            throw new IllegalArgumentException("cluster ttl must be at least 1s, got " + ttl);
        }
    }

    /** Five heartbeats per ttl: a member survives four lost ones. */
    public Duration heartbeatEvery() {
        return ttl.dividedBy(5);
    }

    /**
     * How long this instance trusts its lease after the call that renewed it: a little less than the ttl,
     * so it stops acting as leader before Redis lets anyone else take over.
     */
    public Duration leaseTrust() {
        return ttl.minus(ttl.dividedBy(10));
    }
}
