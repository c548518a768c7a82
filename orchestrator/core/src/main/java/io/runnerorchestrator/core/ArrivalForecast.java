package io.runnerorchestrator.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * Learns how often matching jobs queue, to forecast how many arrive within one runner boot time (the
 * predictive warm pool). Two rates, the larger wins: a recent one that decays with a
 * {@link #RECENT_TIME_CONSTANT}, and one per hour of the day (UTC) carried from day to day with a
 * weight of {@link #DAY_WEIGHT} for the newest day, so a workday's ramp is expected before it comes.
 * Boot time is learnt from the boots seen, as a moving average. Plain arithmetic, time passed in;
 * used from the reconcile thread only.
 */
final class ArrivalForecast {
    /** Forecasts below this many jobs count as none: no runner is kept for them. */
    static final double NEGLIGIBLE = 0.05;
    static final Duration RECENT_TIME_CONSTANT = Duration.ofMinutes(5);
    static final double DAY_WEIGHT = 0.5;
    /** Assumed until a boot is seen: a real runner image on a warm engine. */
    static final Duration ASSUMED_BOOT = Duration.ofSeconds(10);
    private static final double BOOT_WEIGHT = 0.2;
    private static final int HOURS = 24;

    private final Set<Long> seen = new HashSet<>();
    private double recentPerSecond;
    private Instant recentAt;
    private final double[] perHour = new double[HOURS];
    private final int[] countInHour = new int[HOURS];
    private long currentHour = -1;
    private double bootSeconds = ASSUMED_BOOT.toMillis() / 1000.0;

    /** The matching jobs queued now: those not seen before count as arrivals. */
    void queued(Iterable<Long> jobIds, Instant now) {
        rollHour(now);
        Set<Long> current = new HashSet<>();
        for (long id : jobIds) {
            current.add(id);
            if (!seen.contains(id)) {
                arrival(now);
            }
        }
        seen.clear();
        seen.addAll(current);
    }

    void booted(Duration boot) {
        bootSeconds = (1 - BOOT_WEIGHT) * bootSeconds + BOOT_WEIGHT * boot.toMillis() / 1000.0;
    }

    /** Matching jobs expected to queue within one boot time from now. */
    double expectedWithinBoot(Instant now) {
        rollHour(now);
        double recent = recentAt == null ? 0
                : recentPerSecond * Math.exp(-seconds(recentAt, now) / RECENT_TIME_CONSTANT.toSeconds());
        double hourly = perHour[hourOfDay(now)] / 3600.0;
        return Math.max(recent, hourly) * bootSeconds;
    }

    private void arrival(Instant now) {
        double tau = RECENT_TIME_CONSTANT.toSeconds();
        double decayed = recentAt == null ? 0 : recentPerSecond * Math.exp(-seconds(recentAt, now) / tau);
        recentPerSecond = decayed + 1 / tau;
        recentAt = now;
        countInHour[hourOfDay(now)]++;
    }

    /** At each new hour, the hours that ended (quiet ones too) join their hour of the day's rate. */
    private void rollHour(Instant now) {
        long hour = now.getEpochSecond() / 3600;
        if (currentHour >= 0) {
            for (long h = currentHour; h < hour && h < currentHour + HOURS; h++) {
                int ended = (int) (h % HOURS);
                perHour[ended] = (1 - DAY_WEIGHT) * perHour[ended] + DAY_WEIGHT * countInHour[ended];
                countInHour[ended] = 0;
            }
        }
        currentHour = Math.max(currentHour, hour);
    }

    private static int hourOfDay(Instant now) {
        return now.atOffset(ZoneOffset.UTC).getHour();
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
