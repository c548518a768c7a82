package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.cluster.ChaosSoakIT.DrainProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DrainProgressTest {
    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");

    @Test
    void goesOnWhileJobsCompleteAndEndsWhenAllHave() {
        DrainProgress drain = new DrainProgress(100, Duration.ofMinutes(3));
        assertThat(drain.over(10, T0)).isFalse();
        assertThat(drain.over(60, T0.plusSeconds(170))).isFalse();
        assertThat(drain.over(99, T0.plusSeconds(340))).as("longer than the stall, but moving").isFalse();
        assertThat(drain.over(100, T0.plusSeconds(400))).isTrue();
    }

    @Test
    void endsWhenNothingCompletesForTheStall() {
        DrainProgress drain = new DrainProgress(100, Duration.ofMinutes(3));
        assertThat(drain.over(40, T0)).isFalse();
        assertThat(drain.over(40, T0.plusSeconds(180))).isFalse();
        assertThat(drain.over(40, T0.plusSeconds(181))).isTrue();
    }
}
