package io.runnerorchestrator.adapter.docker;

import java.lang.management.ManagementFactory;

/**
 * The CPUs and memory of the host the orchestrator runs on (its container's limits when it runs in
 * one), from which the default runner limits are sized: one runner may use all CPUs but one and
 * three quarters of the memory, so a runaway job never starves the host and the orchestrator.
 */
public record HostCapacity(int cpus, long memoryBytes) {

    public static HostCapacity ofThisHost() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : Runtime.getRuntime().maxMemory() * 4;
        return new HostCapacity(Runtime.getRuntime().availableProcessors(), memory);
    }

    /** All CPUs but one, at least one, in Docker's nano CPUs. */
    public long defaultNanoCpus() {
        return Math.max(1, cpus - 1) * 1_000_000_000L;
    }

    /** Three quarters of the memory, rounded down to whole MiB. */
    public long defaultMemoryBytes() {
        long mib = 1024L * 1024;
        return Math.max(64 * mib, memoryBytes / 4 * 3 / mib * mib);
    }
}
