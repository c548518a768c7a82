package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of GitHub's JSON the client reads (and the one body it sends), and their mapping to the port's records. */
final class GitHubWire {

    private GitHubWire() {
    }

    record Label(String name) {
    }

    record Runner(long id, String name, String os, String status, boolean busy, List<Label> labels) {
        GitHubRunner toPort() {
            return new GitHubRunner(id, name, os, "online".equals(status), busy,
                    labels == null ? Set.of() : labels.stream().map(Label::name).collect(Collectors.toSet()));
        }
    }

    record Run(long id, String status, Instant updatedAt) {
    }

    record Job(long id, long runId, String status, Instant createdAt, List<String> labels, String runnerName) {
        boolean queued() {
            return "queued".equals(status);
        }

        /** The runner that runs this job now (a queued job may carry runner fields too: not trusted). */
        Optional<String> runningOn() {
            return "in_progress".equals(status) ? Optional.ofNullable(runnerName) : Optional.empty();
        }

        QueuedJob toPort(String repository) {
            return new QueuedJob(id, runId, repository, labels == null ? List.of() : labels, createdAt);
        }
    }

    record Repository(String fullName, boolean archived, boolean disabled) {
        /** Archived or disabled repositories run no workflows: no need to ask about their jobs. */
        boolean runsWorkflows() {
            return !archived && !disabled;
        }
    }

    /** Body of POST generate-jitconfig. */
    record JitConfigRequest(String name, long runnerGroupId, List<String> labels, String workFolder) {
    }
}
