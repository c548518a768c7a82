package io.runnerorchestrator.app.metrics;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of an accepted {@code workflow_job} delivery that job tracking needs: which runner took
 * which job, and GitHub's own timestamps (queued, started, completed).
 *
 * @param organization the repository's owner (the part of {@code owner/name} before the slash)
 * @param conclusion   set on {@code completed}: success, failure, cancelled, ...
 */
public record WorkflowJobDelivery(String action, long jobId, Optional<String> runnerName, String organization,
                                  String repository, Optional<String> conclusion, Optional<Instant> createdAt,
                                  Optional<Instant> startedAt, Optional<Instant> completedAt) {

    /** Empty when the body is not a workflow_job payload (the receiver has already answered for it). */
    public static Optional<WorkflowJobDelivery> parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        JsonNode job = root == null ? null : root.path("workflow_job");
        if (job == null || !job.isObject() || !job.path("id").canConvertToLong() || !root.path("action").isString()) {
            return Optional.empty();
        }
        String repository = text(root.path("repository").path("full_name")).orElse("");
        // The repository's own name says its owner; owner.login is only a fallback.
        String owner = repository.contains("/") ? repository.substring(0, repository.indexOf('/'))
                : text(root.path("repository").path("owner").path("login")).orElse("");
        return Optional.of(new WorkflowJobDelivery(root.path("action").stringValue(), job.path("id").longValue(),
                text(job.path("runner_name")), owner, repository,
                text(job.path("conclusion")).map(c -> c.toLowerCase(Locale.ROOT)),
                time(job.path("created_at")), time(job.path("started_at")), time(job.path("completed_at"))));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode node) {
        try {
            return text(node).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
