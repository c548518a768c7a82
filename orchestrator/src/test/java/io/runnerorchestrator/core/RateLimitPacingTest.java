package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.RateLimitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPacingTest {
    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T);
    private final RateLimitPacing pacing = new RateLimitPacing(Duration.ofSeconds(10), 4, clock);

    @Test
    void pollsAtTheIntervalWhileTheBudgetIsAmpleOrUnknown() {
        assertThat(pacing.apply(RateLimitStatus.UNKNOWN)).isEqualTo(Duration.ofSeconds(10));
        assertThat(pacing.apply(new RateLimitStatus(5000, 4000, T.plusSeconds(3600)))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void stretchesThePollSoTheRestLastsUntilTheReset() {
        // 600 spendable after the reserve of 500, 4 per pass, one hour: a pass every 24 s.
        assertThat(pacing.apply(new RateLimitStatus(5000, 1100, T.plusSeconds(3600)))).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void waitsForTheResetOnceOnlyTheReserveIsLeft() {
        assertThat(pacing.apply(new RateLimitStatus(5000, 300, T.plusSeconds(900)))).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void aResetInThePastMeansTheBudgetIsBack() {
        assertThat(pacing.apply(new RateLimitStatus(5000, 0, T.minusSeconds(1)))).isEqualTo(Duration.ofSeconds(10));
    }
}
