package io.runnerorchestrator.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator does with one running instance over loopback: read its status and health, scale it by hand. */
final class InstanceApi {

    /** An answer's status code with its JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrchestratorProcess instance;
    private final String apiToken;

    /** @param apiToken the instance's API_TOKEN, for the calls that change something */
    InstanceApi(OrchestratorProcess instance, String apiToken) {
        this.instance = instance;
        this.apiToken = apiToken;
    }

    JsonNode status() {
        Answer answer = send(request("/api/v1/status").GET().build());
        assertThat(answer.status()).as("GET /api/v1/status: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** 200 when ready, 503 when not: both are answers a load balancer reads. */
    Answer health() {
        return send(request("/api/v1/health").GET().build());
    }

    /** POST /api/v1/runners/scale-up: runners the queue does not need, so they idle. */
    JsonNode scaleUp(int count) {
        Answer answer = send(request("/api/v1/runners/scale-up").header("Authorization", "Bearer " + apiToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\": " + count + "}")).build());
        assertThat(answer.status()).as("POST scale-up: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
