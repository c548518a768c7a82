package io.runnerorchestrator.bench.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes the benchmark's traces from fixed seeds. {@link Random} is used because its sequence is
 * specified, so the same seed gives the same file on every JDK; the files under bench/traces are
 * checked to equal what this class makes.
 */
public final class TraceGenerator {

    private static final Duration DAY = Duration.ofHours(24);
    /** Matrix sizes of a push and their weights: half the pushes run one job, a few fan out wide. */
    private static final int[] WORKDAY_FAN_OUT = {1, 2, 4, 8, 16};
    private static final double[] WORKDAY_FAN_OUT_WEIGHTS = {0.45, 0.20, 0.20, 0.10, 0.05};
    private static final int[] BURST_FAN_OUT = {1, 2, 4, 8, 16, 24, 32};
    private static final double[] BURST_FAN_OUT_WEIGHTS = {0.10, 0.15, 0.20, 0.20, 0.15, 0.10, 0.10};
    /** Hour of day and share of the peak push rate; linear in between. */
    private static final double[][] WORKDAY_CURVE = {
            {0, 0}, {6, 0}, {7, 0.1}, {9, 1}, {12, 1}, {12.5, 0.7}, {13.5, 0.7}, {14, 1}, {17, 1}, {19, 0.3},
            {21, 0.05}, {22, 0}, {24, 0}};

    private TraceGenerator() {
    }

    /** Every trace the benchmark ships, in the order the docs show them. */
    public static List<Trace> all() {
        return List.of(burst(), steady(), bursty(), workday());
    }

    /** One push fanning out 20 jobs of 10 s: the real-Docker scenario. */
    public static Trace burst() {
        return new Trace("burst-20", 0, "one push fanning out a matrix of 20 jobs of 10 s", Duration.ofSeconds(30),
                List.of(new TraceRun(Duration.ZERO, 20, Duration.ofSeconds(10))));
    }

    /** Single-job runs arriving as a Poisson process, one every 30 s on average, for a day. */
    public static Trace steady() {
        long seed = 1001;
        Random random = new Random(seed);
        List<TraceRun> runs = new ArrayList<>();
        for (double t = exponential(random, 30); t < DAY.toSeconds(); t += exponential(random, 30)) {
            runs.add(new TraceRun(seconds(t), 1, seconds(logNormal(random, 300, 0.5))));
        }
        return new Trace("steady", seed, "Poisson arrivals, mean gap 30 s, one job per run, median job 5 min, 24 h",
                DAY, runs);
    }

    /** Pushes every 3 min on average for 12 h, each fanning out a matrix of 1 to 32 jobs of equal length. */
    public static Trace bursty() {
        long seed = 2002;
        Random random = new Random(seed);
        Duration span = Duration.ofHours(12);
        List<TraceRun> runs = new ArrayList<>();
        for (double t = exponential(random, 180); t < span.toSeconds(); t += exponential(random, 180)) {
            int jobs = pick(random, BURST_FAN_OUT, BURST_FAN_OUT_WEIGHTS);
            runs.add(new TraceRun(seconds(t), jobs, seconds(logNormal(random, 360, 0.6))));
        }
        return new Trace("bursty", seed, "pushes every 3 min on average, each a matrix of 1-32 jobs, median job 6 min,"
                + " 12 h", span, runs);
    }

    /**
     * A working day: no work at night, a ramp from 07:00, a peak of about 0.4 pushes a second from
     * 09:00 to 17:00 with a lunch dip, fading by 22:00. Pushes fan out 1-16 jobs; at the peak over
     * a thousand jobs run at once.
     */
    public static Trace workday() {
        long seed = 3003;
        Random random = new Random(seed);
        double peakGap = 3.0;
        List<TraceRun> runs = new ArrayList<>();
        for (double t = exponential(random, peakGap); t < DAY.toSeconds(); t += exponential(random, peakGap)) {
            boolean accepted = random.nextDouble() < workdayShare(t / 3600);
            int jobs = pick(random, WORKDAY_FAN_OUT, WORKDAY_FAN_OUT_WEIGHTS);
            double duration = logNormal(random, 720, 0.6);
            if (accepted) {
                runs.add(new TraceRun(seconds(t), jobs, seconds(duration)));
            }
        }
        return new Trace("workday", seed, "pushes on a workday curve (peak 09:00-17:00, none 22:00-06:00), 1-16 jobs"
                + " each, median job 12 min, 24 h", DAY, runs);
    }

    static double workdayShare(double hour) {
        for (int i = 1; i < WORKDAY_CURVE.length; i++) {
            double[] from = WORKDAY_CURVE[i - 1];
            double[] to = WORKDAY_CURVE[i];
            if (hour <= to[0]) {
                return from[1] + (to[1] - from[1]) * (hour - from[0]) / (to[0] - from[0]);
            }
        }
        return 0;
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static double logNormal(Random random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static int pick(Random random, int[] values, double[] weights) {
        double x = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
