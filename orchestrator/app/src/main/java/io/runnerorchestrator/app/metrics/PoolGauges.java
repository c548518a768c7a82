package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.port.RateLimitStatus;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read from the last reconcile snapshot and GitHub's last reported budget when scraped, for what
 * the metrics port does not carry: the desired size, the limits and the registrations.
 */
public final class PoolGauges implements MeterBinder {

    private final Supplier<ReconcileSnapshot> snapshot;
    private final Supplier<RateLimitStatus> rateLimit;

    public PoolGauges(Supplier<ReconcileSnapshot> snapshot, Supplier<RateLimitStatus> rateLimit) {
        this.snapshot = snapshot;
        this.rateLimit = rateLimit;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, MetricNames.GHA_DESIRED_RUNNERS, "Runners the pool heads for after the last decision",
                s -> s.counts().desired());
        gauge(registry, MetricNames.GHA_MIN_RUNNERS, "MIN_RUNNERS", s -> s.counts().min());
        gauge(registry, MetricNames.GHA_MAX_RUNNERS, "MAX_RUNNERS", s -> s.counts().max());
        gauge(registry, MetricNames.GHA_REGISTERED_RUNNERS, "Runners of this pool registered with GitHub",
                s -> s.runners().stream().filter(r -> r.registration().isPresent()).count());
        Gauge.builder(MetricNames.GITHUB_RATE_LIMIT_REMAINING, rateLimit, PoolGauges::remaining)
                .description("Requests left in GitHub's primary rate limit (NaN before the first answer)")
                .strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<ReconcileSnapshot> value) {
        Gauge.builder(name, snapshot, s -> value.applyAsDouble(s.get())).description(description)
                .strongReference(true).register(registry);
    }

    private static double remaining(Supplier<RateLimitStatus> rateLimit) {
        RateLimitStatus status = rateLimit.get();
        return status.known() ? status.remaining() : Double.NaN;
    }
}
