package io.runnerorchestrator.core.port;

import java.util.List;

/** Body of generate-jitconfig: the runner's name, its labels, its group and work folder. */
public record JitRequest(String name, List<String> labels, long runnerGroupId, String workFolder) {
    public JitRequest {
        labels = List.copyOf(labels);
    }
}
