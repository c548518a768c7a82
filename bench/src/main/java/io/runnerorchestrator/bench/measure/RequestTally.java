package io.runnerorchestrator.bench.measure;

import java.util.Map;
import java.util.TreeMap;

/**
 * GitHub API requests of one run: those charged against the rate limit ({@code counted}) and the
 * free 304 answers, in total and while no job was queued or running after the trace began (idle).
 * Not thread-safe: fed from one thread, or after the run.
 */
public final class RequestTally {
    private long counted;
    private long notModified;
    private long idleCounted;
    private long idleNotModified;
    private final Map<String, long[]> byEndpoint = new TreeMap<>();

    /** @param endpoint a template such as {@code GET /repos/{owner}/{repo}/actions/runners} */
    public void record(String endpoint, boolean wasNotModified, boolean idle) {
        long[] counts = byEndpoint.computeIfAbsent(endpoint, key -> new long[2]);
        if (wasNotModified) {
            notModified++;
            idleNotModified += idle ? 1 : 0;
            counts[1]++;
        } else {
            counted++;
            idleCounted += idle ? 1 : 0;
            counts[0]++;
        }
    }

    public long counted() {
        return counted;
    }

    public long notModified() {
        return notModified;
    }

    public long idleCounted() {
        return idleCounted;
    }

    public long idleNotModified() {
        return idleNotModified;
    }

    /** Endpoint template to {counted, 304}. */
    public Map<String, long[]> byEndpoint() {
        Map<String, long[]> copy = new TreeMap<>();
        byEndpoint.forEach((endpoint, counts) -> copy.put(endpoint, counts.clone()));
        return copy;
    }
}
