package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.port.Coordinator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A single-instance Coordinator for the web tests; the real ones live in core and the Redis adapter. */
final class InMemoryCoordinator implements Coordinator {

    private final Set<String> deliveries = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> claims = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public boolean claimJob(long jobId, Duration ttl) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        return claims.compute(jobId, (id, held) -> held == null || !held.isAfter(now) ? until : held) == until;
    }

    @Override
    public boolean firstDelivery(String deliveryId) {
        return deliveries.add(deliveryId);
    }
}
