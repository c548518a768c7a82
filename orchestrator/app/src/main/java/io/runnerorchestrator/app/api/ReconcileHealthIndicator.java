package io.runnerorchestrator.app.api;

import io.runnerorchestrator.core.PassHealth;
import io.runnerorchestrator.core.ReconcileLoop;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The reconcile loop in Spring's health (/actuator/health and its readiness group): DOWN when no pass
 * completed within {@value PassHealth#STALE_AFTER_INTERVALS} poll intervals.
 */
@Component("reconcile")
public class ReconcileHealthIndicator implements HealthIndicator {

    private final PassHealth passes;

    public ReconcileHealthIndicator(ReconcileLoop loop) {
        this.passes = loop.health();
    }

    @Override
    public Health health() {
        PassHealth.Status status = passes.status();
        return (status.ready() ? Health.up() : Health.down()).withDetail("detail", status.describe())
                .withDetail("unexpected_failures", status.unexpectedFailures()).build();
    }
}
