package io.runnerorchestrator.adapter.redis;

import java.util.List;

/**
 * The Redis keys of one cluster, all under {@code runner-orchestrator:{<namespace>}:}. The braces are
 * a hash tag: every key of a cluster lands in one slot, as multi-key scripts need.
 */
final class ClusterKeys {
    private final String prefix;

    ClusterKeys(String namespace) {
        this.prefix = "runner-orchestrator:{" + namespace + "}:";
    }

    /** Sorted set: instance id scored by alive-until, in ms of the Redis server's clock. */
    String alive() {
        return prefix + "alive";
    }

    /** Hash: instance id to its runner name prefix; kept after death so the leader can clean up. */
    String members() {
        return prefix + "members";
    }

    /** Hash: instance id to the live runners it last reported. */
    String runners() {
        return prefix + "runners";
    }

    /** Hash: instance id to the places it reserved for runners it is starting. */
    String reserved() {
        return prefix + "reserved";
    }

    /** Hash: instance id to its share of MIN_RUNNERS, written by the leader. */
    String placement() {
        return prefix + "placement";
    }

    /** String {@code id|token} with the lease ttl. */
    String lease() {
        return prefix + "leader";
    }

    /** Counter handing out fencing tokens. */
    String fence() {
        return prefix + "fence";
    }

    /** String: a value a member shared with the others (e.g. the scale set's demand), with its ttl. */
    String shared(String name) {
        return prefix + "shared:" + name;
    }

    String claim(long jobId) {
        return prefix + "claim:" + jobId;
    }

    String delivery(String deliveryId) {
        return prefix + "delivery:" + deliveryId;
    }

    List<String> usage() {
        return List.of(alive(), runners(), reserved(), members());
    }
}
