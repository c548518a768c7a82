package io.runnerorchestrator.app.webhook;

import io.runnerorchestrator.core.config.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sends deliveries the way GitHub does, over real HTTP on loopback. */
final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;

    WebhookClient(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + WebhookController.PATH);
    }

    /** The headers of a genuine delivery: event, a fresh delivery id, JSON, and the signature for the body. */
    static Map<String, String> deliveryHeaders(String event, byte[] body, String secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/test");
        headers.put(WebhookSignature.HEADER, new WebhookSignature(Secret.of(secret)).sign(body));
        return headers;
    }

    HttpResponse<String> post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
