package io.runnerorchestrator.adapter.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether Redis answers. One failed call makes the instance degraded (it then runs on its local
 * share); only a heartbeat that succeeds ends it, with a rejoin. Logs each change once. Thread-safe.
 */
final class Connectivity {
    private static final Logger log = LoggerFactory.getLogger(Connectivity.class);

    private final Clock clock;
    private Instant degradedSince;

    Connectivity(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean degraded() {
        return degradedSince != null;
    }

    synchronized Optional<Instant> degradedSince() {
        return Optional.ofNullable(degradedSince);
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
            log.info("cluster.rejoined degraded_ms={}", Duration.between(degradedSince, clock.instant()).toMillis());
            degradedSince = null;
        }
    }

    private static String describe(RuntimeException e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        return cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).replace('"', '\'');
    }
}
