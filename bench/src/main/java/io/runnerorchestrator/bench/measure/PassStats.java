package io.runnerorchestrator.bench.measure;

import java.util.Arrays;

/** Wall time and CPU time of every reconcile pass, in nanoseconds. Fed from one thread. */
public final class PassStats {
    private long[] wall = new long[1024];
    private long cpuNanos;
    private int count;

    public void record(long wallNanos, long cpuTimeNanos) {
        if (count == wall.length) {
            wall = Arrays.copyOf(wall, count * 2);
        }
        wall[count++] = wallNanos;
        cpuNanos += Math.max(0, cpuTimeNanos);
    }

    public int count() {
        return count;
    }

    public long cpuNanos() {
        return cpuNanos;
    }

    /** Pass wall times in milliseconds. */
    public Percentiles millis() {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = wall[i] / 1e6;
        }
        return new Percentiles(ms);
    }
}
