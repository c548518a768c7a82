package io.runnerorchestrator.adapter.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The job claims this instance holds and until when, so that claims made while Redis was away can be
 * written to Redis on the rejoin: the other members then see them and do not start for those jobs.
 * Thread-safe.
 */
final class HeldClaims {
    private static final Logger log = LoggerFactory.getLogger(HeldClaims.class);

    /** Writes one claim to Redis; false when a live member holds it. */
    interface Reasserter {
        boolean reassert(long jobId, Duration ttl);
    }

    private final Clock clock;
    private final Map<Long, Instant> until = new HashMap<>();

    HeldClaims(Clock clock) {
        this.clock = clock;
    }

    synchronized void held(long jobId, Duration ttl) {
        until.put(jobId, clock.instant().plus(ttl));
    }

    synchronized void released(long jobId) {
        until.remove(jobId);
    }

    synchronized void reassertAll(Reasserter redis) {
        Instant now = clock.instant();
        until.values().removeIf(end -> !end.isAfter(now));
        until.entrySet().removeIf(claim -> {
            boolean ours = redis.reassert(claim.getKey(), Duration.between(now, claim.getValue()));
            if (!ours) {
                log.warn("cluster.claim.conflict job={} cause=claimed_by_other_while_degraded", claim.getKey());
            }
            return !ours;
        });
    }
}
