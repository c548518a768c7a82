package io.runnerorchestrator.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ArrivalForecastTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aSteadyStreamForecastsItsRateTimesTheBootTime() {
        ArrivalForecast forecast = new ArrivalForecast();
        Instant now = steady(forecast, MIDNIGHT, Duration.ofSeconds(30), 120);

        // one job every 30 s, a 10 s boot (assumed): a third of a job per boot
        assertThat(forecast.expectedWithinBoot(now)).isCloseTo(1.0 / 3, within(0.03));
    }

    @Test
    void aJobSeenOnSeveralPassesCountsOnce() {
        ArrivalForecast forecast = new ArrivalForecast();
        forecast.queued(List.of(1L), MIDNIGHT);
        double once = forecast.expectedWithinBoot(MIDNIGHT);
        forecast.queued(List.of(1L), MIDNIGHT);
        forecast.queued(List.of(1L), MIDNIGHT);

        assertThat(forecast.expectedWithinBoot(MIDNIGHT)).isEqualTo(once);
    }

    @Test
    void theRecentRateFadesWhenJobsStop() {
        ArrivalForecast forecast = new ArrivalForecast();
        Instant end = steady(forecast, MIDNIGHT.plus(Duration.ofMinutes(10)), Duration.ofSeconds(10), 30);

        assertThat(forecast.expectedWithinBoot(end.plus(Duration.ofMinutes(50))))
                .isLessThan(ArrivalForecast.NEGLIGIBLE);
    }

    @Test
    void yesterdaysBusyHourIsExpectedAgainToday() {
        ArrivalForecast forecast = new ArrivalForecast();
        Instant nineYesterday = MIDNIGHT.plus(Duration.ofHours(9));
        steady(forecast, nineYesterday, Duration.ofSeconds(20), 180);
        Instant nineToday = nineYesterday.plus(Duration.ofDays(1));
        forecast.queued(List.of(), nineToday.minus(Duration.ofHours(1)));

        // no job for hours, yet at nine the learnt 180 jobs an hour (half weight after one day) are expected
        assertThat(forecast.expectedWithinBoot(nineToday.plusSeconds(60))).isCloseTo(90 / 360.0, within(0.01));
        assertThat(forecast.expectedWithinBoot(nineToday.minus(Duration.ofHours(2)))).isLessThan(ArrivalForecast.NEGLIGIBLE);
    }

    @Test
    void bootTimesMoveTheForecast() {
        ArrivalForecast forecast = new ArrivalForecast();
        Instant now = steady(forecast, MIDNIGHT, Duration.ofSeconds(30), 120);
        double assumed = forecast.expectedWithinBoot(now);
        for (int i = 0; i < 30; i++) {
            forecast.booted(Duration.ofSeconds(30));
        }

        assertThat(forecast.expectedWithinBoot(now)).isCloseTo(assumed * 3, within(0.05));
    }

    /** Queues one job every {@code gap}, each seen by one pass; answers the time of the last. */
    private static Instant steady(ArrivalForecast forecast, Instant from, Duration gap, int jobs) {
        List<Long> none = new ArrayList<>();
        Instant at = from;
        for (long id = 1; id <= jobs; id++) {
            at = from.plus(gap.multipliedBy(id - 1));
            forecast.queued(List.of(id), at);
            forecast.queued(none, at.plusSeconds(1));
        }
        return at;
    }
}
