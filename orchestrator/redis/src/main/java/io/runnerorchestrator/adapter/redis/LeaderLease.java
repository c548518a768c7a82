package io.runnerorchestrator.adapter.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * This instance's belief about the leader lease. It trusts a renewal for a little less than the ttl,
 * counted from before the call, so it stops acting as leader before Redis lets another take over.
 * The fencing token guards what the leader writes to Redis (see place.lua). Thread-safe.
 */
final class LeaderLease {
    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    static final String RESIGNED = "resigned";

    private final Duration trust;
    private final LongSupplier nanoTime;
    private long token;
    private long trustedUntil;

    LeaderLease(Duration trust, LongSupplier nanoTime) {
        this.trust = trust;
        this.nanoTime = nanoTime;
    }

    /** The answer of a lease call begun at {@code askedAt} (nanoTime): a token, or 0 for someone else's lease. */
    synchronized void answered(long newToken, long askedAt) {
        if (newToken == 0) {
            lost("held_by_other");
            return;
        }
        if (newToken != token) {
            log.info("cluster.leader.acquired token={}", newToken);
        }
        token = newToken;
        trustedUntil = askedAt + trust.toNanos();
    }

    synchronized void lost(String cause) {
        if (token != 0 && cause.equals(RESIGNED)) {
            log.info("cluster.leader.resigned token={}", token);
        } else if (token != 0) {
            log.warn("cluster.leader.lost token={} cause={}", token, cause);
        }
        token = 0;
    }

    /** The fencing token while the lease is trusted, else 0. */
    synchronized long token() {
        return token != 0 && nanoTime.getAsLong() - trustedUntil < 0 ? token : 0;
    }

    boolean held() {
        return token() != 0;
    }
}
