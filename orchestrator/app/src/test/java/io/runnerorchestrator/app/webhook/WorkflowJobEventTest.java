package io.runnerorchestrator.app.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowJobEventTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheQueuedExample() {
        WorkflowJobEvent event = WorkflowJobEvent.parse(Examples.read(Examples.QUEUED_FOR_K8S), json);

        assertThat(event.action()).isEqualTo("queued");
        assertThat(event.jobId()).isEqualTo(Examples.QUEUED_FOR_K8S_JOB);
        assertThat(event.labels()).containsExactly("self-hosted", "k8s");
        assertThat(event.runnerName()).isEmpty();
    }

    @Test
    void readsTheRunnerOfAnInProgressJob() {
        WorkflowJobEvent event = WorkflowJobEvent.parse(Examples.read(Examples.IN_PROGRESS), json);

        assertThat(event.action()).isEqualTo("in_progress");
        assertThat(event.runnerName()).isEqualTo(Optional.of("GitHub Actions 5"));
        assertThat(event.repository()).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"action\": |request body is not valid JSON",
            "[1, 2]|request body is not a JSON object",
            "''|request body is not a JSON object",
            "{\"workflow_job\": {\"id\": 1, \"labels\": []}}|payload has no string field action",
            "{\"action\": \"queued\"}|payload has no object field workflow_job",
            "{\"action\": \"queued\", \"workflow_job\": {\"id\": \"7\", \"labels\": []}}|payload has no numeric field workflow_job.id",
            "{\"action\": \"queued\", \"workflow_job\": {\"id\": 7}}|payload has no array field workflow_job.labels",
            "{\"action\": \"queued\", \"workflow_job\": {\"id\": 7, \"labels\": [1]}}|workflow_job.labels holds a value that is not a string"})
    void namesWhatIsWrongWithAPayload(String body, String problem) {
        assertThatThrownBy(() -> WorkflowJobEvent.parse(body.getBytes(StandardCharsets.UTF_8), json))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith(problem);
    }

    @Test
    void keepsLabelsImmutable() {
        WorkflowJobEvent event = WorkflowJobEvent.parse(Examples.read(Examples.QUEUED_FOR_K8S), json);

        assertThatThrownBy(() -> event.labels().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(event.labels()).isEqualTo(List.of("self-hosted", "k8s"));
    }
}
