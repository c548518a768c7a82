package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.app.RunnerOrchestratorApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;

import static io.runnerorchestrator.app.webhook.WebhookClient.deliveryHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/** Without WEBHOOK_SECRET nothing can be authenticated, so every delivery is refused with the fix. */
@SpringBootTest(classes = RunnerOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WebhookTestBeans.WithoutSecret.class)
class WebhookWithoutSecretHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    RecordingTrigger trigger;

    @Test
    void refusesEveryDeliveryAndSaysToSetTheSecret() {
        byte[] body = Examples.read(Examples.QUEUED_FOR_K8S);

        HttpResponse<String> response = new WebhookClient(port).post(body, deliveryHeaders("workflow_job", body, "any"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("set WEBHOOK_SECRET");
        assertThat(trigger.reasons()).isEmpty();
    }
}
