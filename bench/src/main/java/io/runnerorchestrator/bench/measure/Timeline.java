package io.runnerorchestrator.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Queue length and runners over a run's window, sampled at evenly spaced instants, for the plots.
 * Time is from the trace's start: in seconds for windows under ten minutes, in minutes under three
 * hours, in hours beyond.
 *
 * @param runners containers up (booting, idle or busy)
 * @param busy    runners running a job
 */
public record Timeline(String timeUnit, double[] time, double[] queued, double[] runners, double[] busy) {

    public static Timeline of(RunRecord run, int points) {
        long start = run.windowStart().toEpochMilli();
        long span = Math.max(1, run.window().toMillis());
        Duration window = run.window();
        String unitName = window.compareTo(Duration.ofMinutes(10)) < 0 ? "s"
                : window.compareTo(Duration.ofHours(3)) < 0 ? "min" : "h";
        double unit = switch (unitName) {
            case "s" -> 1000.0;
            case "min" -> 60_000.0;
            default -> 3_600_000.0;
        };
        long[] at = new long[points];
        double[] time = new double[points];
        for (int i = 0; i < points; i++) {
            at[i] = start + span * i / (points - 1);
            time[i] = (at[i] - start) / unit;
        }
        List<long[]> queued = new ArrayList<>();
        List<long[]> busy = new ArrayList<>();
        for (JobRecord job : run.jobs()) {
            Instant started = job.startedAt().orElse(run.windowEnd());
            queued.add(interval(job.queuedAt(), started));
            job.startedAt().ifPresent(s -> busy.add(interval(s, job.completedAt().orElse(run.windowEnd()))));
        }
        List<long[]> runners = run.runners().stream()
                .map(life -> interval(life.startedAt(), life.endedAt().orElse(run.windowEnd()))).toList();
        return new Timeline(unitName, time, count(queued, at), count(runners, at), count(busy, at));
    }

    /** A runner started after the window has no end yet: its interval is empty, not negative. */
    private static long[] interval(Instant from, Instant to) {
        return new long[]{from.toEpochMilli(), Math.max(from.toEpochMilli(), to.toEpochMilli())};
    }

    /** How many intervals [from, to) contain each sample instant. */
    private static double[] count(List<long[]> intervals, long[] at) {
        long[] starts = intervals.stream().mapToLong(i -> i[0]).sorted().toArray();
        long[] ends = intervals.stream().mapToLong(i -> i[1]).sorted().toArray();
        double[] counts = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            counts[i] = upperBound(starts, at[i]) - upperBound(ends, at[i]);
        }
        return counts;
    }

    /** Values at most {@code key}. */
    private static int upperBound(long[] sorted, long key) {
        int index = Arrays.binarySearch(sorted, key);
        if (index < 0) {
            return -index - 1;
        }
        while (index < sorted.length && sorted[index] == key) {
            index++;
        }
        return index;
    }
}
