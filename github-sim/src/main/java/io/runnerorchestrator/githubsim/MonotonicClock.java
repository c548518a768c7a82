package io.runnerorchestrator.githubsim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The simulator's default clock: the wall time at start, advanced by a monotonic ticker. Offline
 * detection compares contact times a few seconds apart; a wall-clock step (NTP, a VM resuming)
 * would otherwise make a runner that called a moment ago look silent and fail its job.
 */
final class MonotonicClock extends Clock {
    private final Instant origin;
    private final long originTicks;
    private final LongSupplier nanoTicker;

    MonotonicClock(Instant origin, LongSupplier nanoTicker) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        this.originTicks = nanoTicker.getAsLong();
    }

    static MonotonicClock startingNow() {
        return new MonotonicClock(Instant.now(), System::nanoTime);
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanoTicker.getAsLong() - originTicks);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the simulator's clock is UTC only, asked for " + zone);
    }
}
