package io.runnerorchestrator.bench.measure;

import java.lang.management.ManagementFactory;

/** The live heap of this process: used heap right after a full collection. */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static long liveBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
