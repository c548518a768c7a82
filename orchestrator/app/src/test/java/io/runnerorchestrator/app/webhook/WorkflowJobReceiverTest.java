package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.JobAssignments;
import io.runnerorchestrator.core.QueueHints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an authenticated delivery causes, for each action, without HTTP. */
class WorkflowJobReceiverTest {

    private final RecordingTrigger trigger = new RecordingTrigger();
    private final JobAssignments assignments = new JobAssignments();
    private final WorkflowJobReceiver receiver = new WorkflowJobReceiver(new ServedLabels(List.of("k8s")),
            new InMemoryCoordinator(), trigger, assignments, new QueueHints(), java.time.Clock.systemUTC(),
            JsonMapper.builder().build());

    @ParameterizedTest(name = "{0} -> pass requested: {1}")
    @CsvSource({"queued,true", "in_progress,true", "completed,true", "waiting,false", "requested,false"})
    void asksForAPassWhenAJobOnOurLabelsNeedsOrFreesARunner(String action, boolean triggers) {
        byte[] body = job(action, "[\"self-hosted\", \"k8s\"]");

        WebhookAnswer answer = receiver.receive("workflow_job", "d-" + action, body);

        assertThat(trigger.reasons()).isEqualTo(triggers ? List.of("webhook " + action + " job 42") : List.of());
        assertThat(answer.outcome()).isEqualTo(triggers ? "reconcile requested" : "ignored: action " + action + " needs no runner");
    }

    @Test
    void remembersWhichRunnerRunsAJobUntilItCompletes() {
        receiver.receive("workflow_job", "d-q", job("queued", "[\"self-hosted\"]", "pool-abc"));
        assertThat(assignments.jobOf("pool-abc")).as("queued events may name a runner too; not a signal").isEmpty();

        receiver.receive("workflow_job", "d-p", job("in_progress", "[\"self-hosted\"]", "pool-abc"));
        assertThat(assignments.jobOf("pool-abc")).contains(42L);

        receiver.receive("workflow_job", "d-c", job("completed", "[\"self-hosted\"]", "pool-abc"));
        assertThat(assignments.jobOf("pool-abc")).isEmpty();
    }

    @Test
    void leavesJobsForOtherRunnersAlone() {
        WebhookAnswer answer = receiver.receive("workflow_job", "d-1", job("completed", "[\"ubuntu-latest\"]"));

        assertThat(answer.outcome()).startsWith("ignored: labels [ubuntu-latest]");
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void countsADeliveryOnce() {
        byte[] body = job("queued", "[\"self-hosted\"]");

        receiver.receive("workflow_job", "same", body);
        WebhookAnswer again = receiver.receive("workflow_job", "same", body);

        assertThat(again.outcome()).isEqualTo("ignored: duplicate delivery");
        assertThat(trigger.reasons()).containsExactly("webhook queued job 42");
    }

    @Test
    void ignoresOtherEvents() {
        WebhookAnswer answer = receiver.receive("push", "d-2", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.outcome()).isEqualTo("ignored: only workflow_job events are handled");
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void needsTheEventAndDeliveryHeaders() {
        byte[] body = job("queued", "[\"self-hosted\"]");

        assertThatThrownBy(() -> receiver.receive(null, "d-3", body))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(r.getBody().getDetail()).isEqualTo("X-GitHub-Event header is missing");
                });
        assertThatThrownBy(() -> receiver.receive("workflow_job", " ", body))
                .isInstanceOfSatisfying(WebhookRejection.class,
                        r -> assertThat(r.getBody().getDetail()).isEqualTo("X-GitHub-Delivery header is missing"));
        assertThat(trigger.reasons()).isEmpty();
    }

    private static byte[] job(String action, String labels) {
        return ("{\"action\": \"" + action + "\", \"workflow_job\": {\"id\": 42, \"run_id\": 7, \"labels\": " + labels + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] job(String action, String labels, String runnerName) {
        return ("{\"action\": \"" + action + "\", \"workflow_job\": {\"id\": 42, \"run_id\": 7, \"labels\": " + labels
                + ", \"runner_name\": \"" + runnerName + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
