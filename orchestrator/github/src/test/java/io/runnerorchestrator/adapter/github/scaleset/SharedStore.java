package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.Coordinator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the listeners of a cluster share, in memory, for tests of the listener alone (RedisCoordinatorTest
 * covers the Redis side and the cluster e2e tests both together): shared values, and which member leads.
 */
final class SharedStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final AtomicReference<String> leader = new AtomicReference<>("");

    void lead(String member) {
        leader.set(member);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Coordinator member(String id) {
        return new Coordinator() {
            @Override
            public boolean claimJob(long jobId, Duration ttl) {
                return true;
            }

            @Override
            public boolean firstDelivery(String deliveryId) {
                return true;
            }

            @Override
            public boolean leads() {
                return leader.get().equals(id);
            }

            @Override
            public void share(String name, String value, Duration ttl) {
                values.put(name, value);
            }

            @Override
            public Optional<String> shared(String name) {
                return value(name);
            }
        };
    }
}
