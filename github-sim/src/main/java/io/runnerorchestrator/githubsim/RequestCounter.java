package io.runnerorchestrator.githubsim;

import java.util.Map;
import java.util.TreeMap;

/** Counts API requests per endpoint template and status, and which counted against the limit. */
final class RequestCounter {
    private final Map<String, Map<Integer, Long>> byEndpointStatus = new TreeMap<>();
    private long total;
    private long counted;
    private long notModified;

    synchronized void record(String endpoint, int status, boolean countedAgainstLimit) {
        total++;
        if (countedAgainstLimit) {
            counted++;
        }
        if (status == 304) {
            notModified++;
        }
        byEndpointStatus.computeIfAbsent(endpoint, key -> new TreeMap<>()).merge(status, 1L, Long::sum);
    }

    synchronized SimState.Requests snapshot() {
        Map<String, Long> byEndpoint = new TreeMap<>();
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        byEndpointStatus.forEach((endpoint, statuses) -> {
            byEndpoint.put(endpoint, statuses.values().stream().mapToLong(Long::longValue).sum());
            copy.put(endpoint, Map.copyOf(statuses));
        });
        return new SimState.Requests(total, counted, notModified, byEndpoint, copy);
    }
}
