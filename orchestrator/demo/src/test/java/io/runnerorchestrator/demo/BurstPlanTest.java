package io.runnerorchestrator.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BurstPlanTest {

    @Test
    void theFirstBurstComesAtOnceAndTheRestAtRandomGapsOfThirtyToSixtySeconds() {
        List<BurstPlan.Burst> bursts = draw(new BurstPlan(BurstPlan.SEED, Optional.empty()), 500);

        assertThat(bursts.get(0).delay()).isZero();
        assertThat(bursts.subList(1, bursts.size())).allSatisfy(burst -> assertThat(burst.delay())
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(bursts.stream().map(BurstPlan.Burst::delay).distinct().count()).isGreaterThan(10);
    }

    @Test
    void burstsHoldThreeToEightJobsOfThreeToTenSecondsAndSomeAreMatrixRuns() {
        List<BurstPlan.Burst> bursts = draw(new BurstPlan(BurstPlan.SEED, Optional.empty()), 500);

        assertThat(bursts).allSatisfy(burst -> {
            assertThat(burst.jobs()).isBetween(3, 8);
            assertThat(burst.jobDuration()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        });
        assertThat(bursts.stream().map(BurstPlan.Burst::jobs).distinct()).hasSize(6);
        assertThat(bursts).anyMatch(BurstPlan.Burst::matrix).anyMatch(burst -> !burst.matrix());
    }

    @Test
    void aFixedIntervalReplacesTheRandomGaps() {
        List<BurstPlan.Burst> bursts = draw(new BurstPlan(BurstPlan.SEED, Optional.of(Duration.ofSeconds(5))), 20);

        assertThat(bursts.get(0).delay()).isZero();
        assertThat(bursts.subList(1, bursts.size())).allMatch(burst -> burst.delay().equals(Duration.ofSeconds(5)));
    }

    @Test
    void theSameSeedTellsTheSameStory() {
        assertThat(draw(new BurstPlan(BurstPlan.SEED, Optional.empty()), 50))
                .isEqualTo(draw(new BurstPlan(BurstPlan.SEED, Optional.empty()), 50));
    }

    @Test
    void theScheduleSaysWhenBurstsCome() {
        assertThat(new BurstPlan(1, Optional.empty()).schedule()).isEqualTo("bursts of 3-8 jobs every 30-60 s");
        assertThat(new BurstPlan(1, Optional.of(Duration.ofSeconds(5))).schedule())
                .isEqualTo("bursts of 3-8 jobs every 5 s");
        assertThat(new BurstPlan(1, Optional.of(Duration.ofMillis(1500))).schedule())
                .isEqualTo("bursts of 3-8 jobs every 1500 ms");
    }

    private static List<BurstPlan.Burst> draw(BurstPlan plan, int count) {
        return IntStream.range(0, count).mapToObj(i -> plan.next()).toList();
    }
}
