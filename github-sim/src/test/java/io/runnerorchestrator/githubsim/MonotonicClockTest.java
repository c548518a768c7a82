package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MonotonicClockTest {

    private static final Instant START = Instant.parse("2026-12-05T22:01:26Z");

    @Test
    void movesOnlyWithTheTickerFromTheWallTimeItStartedAt() {
        AtomicLong ticks = new AtomicLong(987_654_321L);
        MonotonicClock clock = new MonotonicClock(START, ticks::get);

        assertThat(clock.instant()).isEqualTo(START);
        ticks.addAndGet(Duration.ofMillis(1500).toNanos());
        assertThat(clock.instant()).isEqualTo(START.plusMillis(1500));
        assertThat(clock.instant()).as("no tick, no time").isEqualTo(START.plusMillis(1500));
    }

    @Test
    void aRunnerThatCalledAMomentAgoStaysOnlineHoweverTheWallClockSteps() {
        AtomicLong ticks = new AtomicLong();
        MonotonicClock clock = new MonotonicClock(START, ticks::get);
        SimRunner runner = SimRunner.registered(1, "r", Scope.ofRepository("octo/app"), List.of(), true)
                .contacted(clock.instant());

        ticks.addAndGet(Duration.ofSeconds(1).toNanos());

        // The wall clock of this machine is not consulted: only the 1 s the ticker moved counts.
        assertThat(runner.online(clock.instant(), Duration.ofSeconds(5))).isTrue();
        ticks.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(runner.online(clock.instant(), Duration.ofSeconds(5))).as("silent 6 s").isFalse();
    }
}
