package io.runnerorchestrator.e2e.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ClockStepWatchTest {

    private final AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-12-04T22:01:20Z"));
    private final AtomicLong ticks = new AtomicLong();
    private final List<String> notes = new ArrayList<>();
    private final ClockStepWatch watch = new ClockStepWatch(wall::get, ticks::get, notes::add);

    @Test
    void aWallClockThatJumpsFiveSecondsAheadOfTheTickerIsNoted() {
        advance(Duration.ofSeconds(1), Duration.ofSeconds(1));
        advance(Duration.ofSeconds(6), Duration.ofSeconds(1));

        assertThat(notes).containsExactly("soak.clock.step at=2026-12-04T22:01:27Z step_ms=5000");
    }

    @Test
    void smallDriftAndALateSampleAreNotSteps() {
        advance(Duration.ofMillis(1300), Duration.ofMillis(1000));
        advance(Duration.ofSeconds(9), Duration.ofSeconds(9));

        assertThat(notes).isEmpty();
    }

    private void advance(Duration wallBy, Duration ticksBy) {
        wall.set(wall.get().plus(wallBy));
        ticks.addAndGet(ticksBy.toNanos());
        watch.sample();
    }
}
