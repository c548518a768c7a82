package io.runnerorchestrator.core.local;

import io.runnerorchestrator.core.port.Coordinator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Coordination for a single orchestrator instance: claims and delivery ids kept in memory. Thread-safe. */
public final class LocalCoordinator implements Coordinator {
    /** Delivery ids remembered; GitHub redelivers within hours, far fewer than this many deliveries apart. */
    static final int REMEMBERED_DELIVERIES = 10_000;

    private final Clock clock;
    private final Map<Long, Instant> claims = new HashMap<>();
    private final Map<String, Boolean> deliveries = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_DELIVERIES;
        }
    };

    public LocalCoordinator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean claimJob(long jobId, Duration ttl) {
        Instant now = clock.instant();
        claims.values().removeIf(until -> !now.isBefore(until));
        return claims.putIfAbsent(jobId, now.plus(ttl)) == null;
    }

    @Override
    public synchronized void releaseJob(long jobId) {
        claims.remove(jobId);
    }

    @Override
    public synchronized boolean firstDelivery(String deliveryId) {
        return deliveries.put(deliveryId, Boolean.TRUE) == null;
    }
}
