package io.runnerorchestrator.adapter.github.scaleset;

import java.net.URI;

/** The one message session of a scale set. The queue token is a credential: it is never printed. */
public record ScaleSetSession(String id, long scaleSetId, URI queueUrl, String queueToken, ScaleSetStatistics statistics) {

    @Override
    public String toString() {
        return "ScaleSetSession[id=" + id + ", scaleSetId=" + scaleSetId + ", queueUrl=" + queueUrl
                + ", queueToken=<redacted>, statistics=" + statistics + "]";
    }
}
