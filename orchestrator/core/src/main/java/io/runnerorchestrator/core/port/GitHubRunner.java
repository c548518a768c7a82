package io.runnerorchestrator.core.port;

import java.util.Set;

/** A self-hosted runner as GitHub sees it. Labels are as GitHub spells them. */
public record GitHubRunner(long id, String name, String os, boolean online, boolean busy, Set<String> labels) {
    public GitHubRunner {
        labels = Set.copyOf(labels);
    }
}
