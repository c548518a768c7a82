package io.runnerorchestrator.bench.virtual;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the event loop moves forward; time never passes on its own. Single-threaded. */
final class VirtualClock extends Clock {
    private Instant now;

    VirtualClock(Instant start) {
        this.now = start;
    }

    void advanceTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalStateException("virtual time cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the virtual clock is UTC only");
    }
}
