package io.runnerorchestrator.app.wiring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.runnerorchestrator.adapter.redis.RedisCoordinator;

/** The cluster as this instance sees it, read from the coordinator's cached view when scraped. */
final class RedisClusterGauges implements MeterBinder {

    static final String DEGRADED = "orchestrator_cluster_degraded";
    static final String INSTANCES = "orchestrator_cluster_instances";
    static final String LEADER = "orchestrator_cluster_leader";

    private final RedisCoordinator coordinator;

    RedisClusterGauges(RedisCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(DEGRADED, coordinator, c -> c.status().degraded() ? 1 : 0)
                .description("1 while Redis is unreachable and this instance runs on its local share of MIN and MAX")
                .register(registry);
        Gauge.builder(INSTANCES, coordinator, c -> c.status().alive())
                .description("Orchestrator instances alive in the cluster, as last seen").register(registry);
        Gauge.builder(LEADER, coordinator, c -> c.isLeader() ? 1 : 0)
                .description("1 while this instance holds the leader lease").register(registry);
    }
}
