package io.runnerorchestrator.adapter.github.scaleset;

import java.util.List;

/** A runner scale set as the Actions service describes it. */
public record ScaleSet(long id, String name, long runnerGroupId, List<String> labels, ScaleSetStatistics statistics) {

    public ScaleSet {
        labels = List.copyOf(labels);
    }
}
