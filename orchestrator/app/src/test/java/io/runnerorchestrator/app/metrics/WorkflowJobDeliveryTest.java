package io.runnerorchestrator.app.metrics;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Job tracking reads GitHub's own workflow_job examples: the runner, the repository and the timestamps. */
class WorkflowJobDeliveryTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anInProgressDeliveryNamesTheRunnerAndWhenTheJobWasQueuedAndStarted() {
        WorkflowJobDelivery delivery = WorkflowJobDelivery.parse(example("in_progress.payload.json"), json).orElseThrow();

        assertThat(delivery.action()).isEqualTo("in_progress");
        assertThat(delivery.runnerName()).isPresent();
        assertThat(delivery.repository()).contains("/");
        assertThat(delivery.organization()).isEqualTo(delivery.repository().substring(0, delivery.repository().indexOf('/')));
        assertThat(delivery.createdAt()).isPresent();
        assertThat(delivery.startedAt()).isPresent();
        assertThat(delivery.startedAt().get()).isAfterOrEqualTo(delivery.createdAt().get());
    }

    @Test
    void aCompletedDeliveryCarriesTheConclusionAndTheEnd() {
        WorkflowJobDelivery delivery = WorkflowJobDelivery.parse(
                example("completed.success.with-organization.payload.json"), json).orElseThrow();

        assertThat(delivery.action()).isEqualTo("completed");
        assertThat(delivery.conclusion()).hasValue("success");
        assertThat(delivery.completedAt()).hasValueSatisfying(end ->
                assertThat(end).isAfterOrEqualTo(delivery.startedAt().orElse(Instant.MIN)));
    }

    @Test
    void somethingElseIsNotADelivery() {
        assertThat(WorkflowJobDelivery.parse("{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8),
                json)).isEmpty();
        assertThat(WorkflowJobDelivery.parse("not json".getBytes(StandardCharsets.UTF_8), json)).isEmpty();
    }

    private static byte[] example(String name) {
        try (InputStream in = WorkflowJobDeliveryTest.class.getResourceAsStream("/github/workflow_job/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
