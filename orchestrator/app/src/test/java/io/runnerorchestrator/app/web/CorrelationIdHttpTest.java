package io.runnerorchestrator.app.web;

import io.runnerorchestrator.app.RunnerOrchestratorApplication;
import io.runnerorchestrator.app.webhook.WebhookTestBeans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries a correlation id, and the request's log lines carry the same one. */
@SpringBootTest(classes = RunnerOrchestratorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WebhookTestBeans.WithSecret.class)
@ExtendWith(OutputCaptureExtension.class)
class CorrelationIdHttpTest {

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void echoesASaneRequestIdAndLogsWithIt(CapturedOutput output) throws Exception {
        String id = "req-" + UUID.randomUUID();

        HttpResponse<String> response = postUnsignedWebhook(id);

        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER)).hasValue(id);
        assertThat(output.getAll().lines().filter(l -> l.contains("webhook.rejected")))
                .anySatisfy(line -> assertThat(line).contains(id));
    }

    @Test
    void replacesAnInsaneRequestIdWithItsOwn() throws Exception {
        HttpResponse<String> response = postUnsignedWebhook("no spaces or {braces} allowed");

        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void generatesAnIdWhenNoneIsGiven() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue(CorrelationIdFilter.HEADER))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    private HttpResponse<String> postUnsignedWebhook(String requestId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhook"))
                .header(CorrelationIdFilter.HEADER, requestId)
                .header("X-GitHub-Event", "workflow_job")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
