package io.runnerorchestrator.e2e.cluster;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Notes a step of the machine's wall clock (NTP, a paused VM): the wall time moving more than a
 * second apart from the monotonic ticker between two samples. Timeouts measured on the wall clock
 * misfire around such a step, so the soak's report says when one happened.
 */
final class ClockStepWatch {
    static final long THRESHOLD_MS = 1000;

    private final Supplier<Instant> wall;
    private final LongSupplier nanoTicker;
    private final Consumer<String> report;
    private Instant lastWall;
    private long lastTicks;

    ClockStepWatch(Consumer<String> report) {
        this(Instant::now, System::nanoTime, report);
    }

    ClockStepWatch(Supplier<Instant> wall, LongSupplier nanoTicker, Consumer<String> report) {
        this.wall = wall;
        this.nanoTicker = nanoTicker;
        this.report = report;
        this.lastWall = wall.get();
        this.lastTicks = nanoTicker.getAsLong();
    }

    synchronized void sample() {
        Instant nowWall = wall.get();
        long nowTicks = nanoTicker.getAsLong();
        long stepMs = (nowWall.toEpochMilli() - lastWall.toEpochMilli()) - (nowTicks - lastTicks) / 1_000_000;
        if (Math.abs(stepMs) > THRESHOLD_MS) {
            report.accept("soak.clock.step at=" + nowWall + " step_ms=" + stepMs);
        }
        lastWall = nowWall;
        lastTicks = nowTicks;
    }
}
