package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to a running simulator, as a GitHub client would make them. */
final class SimHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;

    SimHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    SimHttp withToken(String otherToken) {
        return new SimHttp(baseUrl, otherToken);
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) {
        return send(request(pathOrUrl, headers).GET());
    }

    HttpResponse<String> post(String pathOrUrl, String json) {
        return send(request(pathOrUrl).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String pathOrUrl) {
        return send(request(pathOrUrl).DELETE());
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathOrUrl, String... headers) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Registers a JIT runner and returns the answer body (runner + encoded_jit_config). */
    JsonNode generateJit(String scopePath, String name, String... labels) {
        var body = JSON.createObjectNode().put("name", name).put("runner_group_id", 1);
        var array = body.putArray("labels");
        for (String label : labels) {
            array.add(label);
        }
        HttpResponse<String> response = post(scopePath + "/actions/runners/generate-jitconfig", body.toString());
        if (response.statusCode() != 201) {
            throw new AssertionError("generate-jitconfig answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }
}
