package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.RateLimitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitPacerTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(15);

    private final RateLimitPacer pacer = new RateLimitPacer(0.1);

    @Test
    void ampleBudgetKeepsTheBaseInterval() {
        RateLimitStatus fresh = new RateLimitStatus(5000, 5000, NOW.plus(Duration.ofHours(1)));

        assertThat(pacer.interval(BASE, fresh, 10, NOW)).isEqualTo(BASE);
    }

    @Test
    void lowBudgetSpreadsTheRemainingPassesUntilTheReset() {
        // 1000 left, 500 held back: 500 spendable / 10 per pass = 50 passes over 50 minutes
        RateLimitStatus low = new RateLimitStatus(5000, 1000, NOW.plus(Duration.ofMinutes(50)));

        assertThat(pacer.interval(BASE, low, 10, NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void budgetWithinTheReserveWaitsForTheReset() {
        RateLimitStatus spent = new RateLimitStatus(5000, 400, NOW.plus(Duration.ofMinutes(20)));

        assertThat(pacer.interval(BASE, spent, 10, NOW)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void exhaustedBudgetWaitsForTheResetButNeverLessThanBase() {
        RateLimitStatus exhausted = new RateLimitStatus(5000, 0, NOW.plusSeconds(5));

        assertThat(pacer.interval(BASE, exhausted, 1, NOW)).isEqualTo(BASE);
        assertThat(pacer.interval(BASE, exhausted, 1, NOW.minusSeconds(55))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void unknownFiguresPastResetOrFreePassesKeepTheBase() {
        RateLimitStatus spent = new RateLimitStatus(5000, 0, NOW.minusSeconds(1));

        assertThat(pacer.interval(BASE, RateLimitStatus.UNKNOWN, 10, NOW)).isEqualTo(BASE);
        assertThat(pacer.interval(BASE, spent, 10, NOW)).isEqualTo(BASE);
        assertThat(pacer.interval(BASE, new RateLimitStatus(5000, 0, NOW.plusSeconds(600)), 0, NOW)).isEqualTo(BASE);
    }

    @Test
    void costIsTheDropInRemainingWithinOneWindow() {
        Instant reset = NOW.plus(Duration.ofMinutes(30));

        assertThat(RateLimitPacer.costBetween(new RateLimitStatus(5000, 4000, reset), new RateLimitStatus(5000, 3988, reset)))
                .isEqualTo(12);
        assertThat(RateLimitPacer.costBetween(new RateLimitStatus(5000, 10, reset),
                new RateLimitStatus(5000, 4999, reset.plus(Duration.ofHours(1))))).isZero();
        assertThat(RateLimitPacer.costBetween(RateLimitStatus.UNKNOWN, new RateLimitStatus(5000, 4999, reset))).isZero();
    }

    @Test
    void rejectsAReserveOutsideZeroToOne() {
        assertThatThrownBy(() -> new RateLimitPacer(1.0)).hasMessageContaining("reserve");
        assertThatThrownBy(() -> new RateLimitPacer(-0.5)).hasMessageContaining("reserve");
    }
}
