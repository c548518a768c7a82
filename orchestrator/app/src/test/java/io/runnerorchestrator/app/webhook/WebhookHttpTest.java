package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.app.RunnerOrchestratorApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static io.runnerorchestrator.app.webhook.WebhookClient.deliveryHeaders;
import static io.runnerorchestrator.app.webhook.WebhookTestBeans.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhook receiver over real HTTP, fed GitHub's own payload examples. */
@SpringBootTest(classes = RunnerOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WebhookTestBeans.WithSecret.class)
class WebhookHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    RecordingTrigger trigger;
    WebhookClient client;

    @BeforeEach
    void setUp() {
        client = new WebhookClient(port);
        trigger.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "completed.failure.with-organization.payload.json", "completed.success.with-organization.payload.json",
            "in_progress.payload.json", "in_progress.with-queued-steps.payload.json", "queued.payload.json",
            "queued.with-deployment.payload.json", "waiting.payload.json"})
    void acceptsEveryGitHubExampleSignedWithTheSecret(String example) {
        byte[] body = Examples.read(example);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"outcome\"");
    }

    @Test
    void acceptsGitHubsDocumentedTestVector() {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", "test-vector",
                WebhookSignature.HEADER, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        HttpResponse<String> response = client.post(body, headers);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("ignored: only workflow_job events are handled");
    }

    @Test
    void refusesATamperedBody() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);
        Map<String, String> headers = deliveryHeaders("workflow_job", body, SECRET);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("k8s", "gpu").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.post(tampered, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("does not match the body").contains("WEBHOOK_SECRET");
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void refusesABodySignedWithAnotherSecret() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, "not the secret"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void refusesAMissingSignature() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);
        Map<String, String> headers = new HashMap<>(deliveryHeaders("workflow_job", body, SECRET));
        headers.remove(WebhookSignature.HEADER);

        HttpResponse<String> response = client.post(body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("X-Hub-Signature-256 header is missing");
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void answersMalformedJsonWithBadRequest() {
        byte[] body = "{\"action\": \"queued\", \"workflow_job\": ".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("request body is not valid JSON");
    }

    @Test
    void answersAPayloadWithoutAJobWithBadRequest() {
        byte[] body = "{\"action\": \"queued\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("workflow_job");
    }

    @Test
    void ignoresARedeliveredId() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);
        Map<String, String> headers = deliveryHeaders("workflow_job", body, SECRET);

        HttpResponse<String> first = client.post(body, headers);
        HttpResponse<String> again = client.post(body, headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("ignored: duplicate delivery");
        assertThat(trigger.reasons()).containsExactly("webhook queued job " + Examples.QUEUED_FOR_K8S_JOB);
    }

    @Test
    void aQueuedJobForOurLabelsTriggersAPass() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.body()).contains("reconcile requested");
        assertThat(trigger.reasons()).containsExactly("webhook queued job " + Examples.QUEUED_FOR_K8S_JOB);
    }

    @Test
    void aQueuedJobForOtherLabelsTriggersNothing() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_UBUNTU);

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("ignored: labels [ubuntu-latest]");
        assertThat(trigger.reasons()).isEmpty();
    }

    @Test
    void refusesABodyOverOneMebibyte() {
        byte[] body = new byte[WebhookController.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response = client.post(body, deliveryHeaders("workflow_job", body, SECRET));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 1048576 bytes");
    }

    @Test
    void explainsAFormEncodedWebhook() {
        byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(deliveryHeaders("workflow_job", body, SECRET));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        HttpResponse<String> response = client.post(body, headers);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("set the webhook's content type to application/json");
    }
}
