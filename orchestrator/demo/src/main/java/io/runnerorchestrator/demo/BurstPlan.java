package io.runnerorchestrator.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * What the demo queues next: bursts of {@value #MIN_JOBS}-{@value #MAX_JOBS} jobs of
 * {@value #MIN_JOB_SECONDS}-{@value #MAX_JOB_SECONDS} s each, one burst in {@value #MATRIX_ONE_IN} a
 * matrix run, every 30-60 s (or a fixed interval). The first comes at once. A seeded {@link Random}
 * makes every demo the same story. Not thread-safe: one workload thread asks.
 */
public final class BurstPlan {

    public static final long SEED = 20_240_601L;
    static final int MIN_JOBS = 3;
    static final int MAX_JOBS = 8;
    static final int MIN_JOB_SECONDS = 3;
    static final int MAX_JOB_SECONDS = 10;
    static final int MATRIX_ONE_IN = 4;
    static final Duration MIN_GAP = Duration.ofSeconds(30);
    static final Duration MAX_GAP = Duration.ofSeconds(60);

    /** @param delay wait after the previous burst (or after the start, for the first) */
    record Burst(Duration delay, int jobs, Duration jobDuration, boolean matrix) {
    }

    private final Random random;
    private final Optional<Duration> fixedInterval;
    private boolean first = true;

    public BurstPlan(long seed, Optional<Duration> fixedInterval) {
        this.random = new Random(seed);
        this.fixedInterval = fixedInterval;
    }

    Burst next() {
        Duration delay = first ? Duration.ZERO : fixedInterval.orElseGet(this::randomGap);
        first = false;
        int jobs = between(MIN_JOBS, MAX_JOBS);
        Duration jobDuration = Duration.ofSeconds(between(MIN_JOB_SECONDS, MAX_JOB_SECONDS));
        return new Burst(delay, jobs, jobDuration, random.nextInt(MATRIX_ONE_IN) == 0);
    }

    /** For the banner: when bursts come. */
    String schedule() {
        String every = fixedInterval.map(BurstPlan::describe)
                .orElse(MIN_GAP.toSeconds() + "-" + MAX_GAP.toSeconds() + " s");
        return "bursts of " + MIN_JOBS + "-" + MAX_JOBS + " jobs every " + every;
    }

    private static String describe(Duration interval) {
        return interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
    }

    private Duration randomGap() {
        return Duration.ofSeconds(between((int) MIN_GAP.toSeconds(), (int) MAX_GAP.toSeconds()));
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
