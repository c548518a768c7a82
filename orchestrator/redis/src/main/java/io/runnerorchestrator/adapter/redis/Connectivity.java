package io.runnerorchestrator.adapter.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether Redis answers. One failed call makes the instance degraded (it then runs on its local
 * share); only a heartbeat that succeeds ends it, with a rejoin. After a rejoin the instance is
 * still settling for a while: members not yet back (a restarted Redis knows nothing of them) may
 * hold their whole local share. Logs each change once. Thread-safe.
 */
final class Connectivity {
    private static final Logger log = LoggerFactory.getLogger(Connectivity.class);

    private final Clock clock;
    private final Duration settle;
    private Instant degradedSince;
    private Instant settledAt = Instant.MIN;

    /** @param settle how long after a rejoin the others may still be on their way back */
    Connectivity(Clock clock, Duration settle) {
        this.clock = clock;
        this.settle = settle;
    }

    synchronized boolean degraded() {
        return degradedSince != null;
    }

    /** Degraded, or rejoined so recently that the others may not all be back. */
    synchronized boolean settling() {
        return degradedSince != null || clock.instant().isBefore(settledAt);
    }

    synchronized void failed(String during, RuntimeException e) {
        if (degradedSince == null) {
            degradedSince = clock.instant();
            log.warn("cluster.degraded during={} error=\"{}\" action=run_on_local_share", during, describe(e));
        } else {
            log.debug("cluster.still_degraded during={} error=\"{}\"", during, describe(e));
        }
    }

    synchronized void rejoined() {
        if (degradedSince != null) {
            Instant now = clock.instant();
            log.info("cluster.rejoined degraded_ms={} settle_ms={}", Duration.between(degradedSince, now).toMillis(),
                    settle.toMillis());
            degradedSince = null;
            settledAt = now.plus(settle);
        }
    }

    private static String describe(RuntimeException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        return cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).replace('"', '\'');
    }
}
