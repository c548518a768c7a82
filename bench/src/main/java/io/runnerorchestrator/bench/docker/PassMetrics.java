package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.bench.measure.PassStats;
import io.runnerorchestrator.bench.measure.Percentiles;
import io.runnerorchestrator.core.OrchestratorMetrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hears each pass's duration from the core, and reads the loop thread's CPU time at the end of each
 * pass: the loop thread runs nothing but passes, so the differences are the passes' CPU time.
 */
final class PassMetrics implements OrchestratorMetrics {
    private final PassStats stats = new PassStats();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Double> boots = new ArrayList<>();
    private long lastCpu;

    @Override
    public synchronized void reconciled(Duration duration, String outcome) {
        long cpu = threads.getCurrentThreadCpuTime();
        stats.record(duration.toNanos(), cpu - lastCpu);
        lastCpu = cpu;
    }

    @Override
    public synchronized void runnerBooted(Duration bootTime) {
        boots.add(bootTime.toNanos() / 1e9);
    }

    /** Container created to first seen online by a pass, in seconds (an upper bound: passes look only so often). */
    synchronized Percentiles bootSeconds() {
        return new Percentiles(boots.stream().mapToDouble(Double::doubleValue).toArray());
    }

    synchronized PassStats stats() {
        return stats;
    }
}
