package io.runnerorchestrator.app.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The fields of a {@code workflow_job} delivery the orchestrator uses.
 *
 * @param labels     the job's runs-on labels
 * @param runnerName may be set even on {@code queued} (GitHub's own examples do), so never a signal alone
 */
public record WorkflowJobEvent(String action, long jobId, Optional<Long> runId, List<String> labels,
                               Optional<String> runnerName, Optional<String> repository,
                               Optional<Instant> createdAt) {

    public WorkflowJobEvent {
        labels = List.copyOf(labels);
    }

    public static WorkflowJobEvent parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedPayloadException("request body is not valid JSON" + where(e.getLocation()));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("request body is not a JSON object");
        }
        JsonNode action = root.path("action");
        JsonNode job = root.path("workflow_job");
        if (!action.isString()) {
            throw new MalformedPayloadException("payload has no string field action");
        }
        if (!job.isObject()) {
            throw new MalformedPayloadException("payload has no object field workflow_job");
        }
        JsonNode id = job.path("id");
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new MalformedPayloadException("payload has no numeric field workflow_job.id");
        }
        return new WorkflowJobEvent(action.stringValue(), id.longValue(),
                optionalLong(job.path("run_id")), labels(job.path("labels")),
                optionalString(job.path("runner_name")), optionalString(root.path("repository").path("full_name")),
                optionalString(job.path("created_at")).flatMap(WorkflowJobEvent::instant));
    }

    private static List<String> labels(JsonNode node) {
        if (!node.isArray()) {
            throw new MalformedPayloadException("payload has no array field workflow_job.labels");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : node.values()) {
            if (!label.isString()) {
                throw new MalformedPayloadException("workflow_job.labels holds a value that is not a string");
            }
            labels.add(label.stringValue());
        }
        return labels;
    }

    /** A timestamp that does not parse is left out: it only dates the job in the queue's hint. */
    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> optionalLong(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? Optional.of(node.longValue()) : Optional.empty();
    }

    private static Optional<String> optionalString(JsonNode node) {
        return node.isString() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    private static String where(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
