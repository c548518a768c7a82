package io.runnerorchestrator.adapter.github;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Speaks the simulator's runner protocol, as a runner started with a JIT config would. */
final class SimRunnerProtocol {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    SimRunnerProtocol(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Brings the JIT-registered runner online; answers its runner id. */
    long connect(String encodedJitConfig) {
        return post("/_sim/runner/connect", json.writeValueAsString(Map.of("jit_config", encodedJitConfig)), 200)
                .path("runner_id").asLong();
    }

    /** Takes the oldest matching queued job (the runner turns busy); answers its id. */
    long acquire(long runnerId) {
        return post("/_sim/runner/" + runnerId + "/acquire?wait_s=5", "", 200).path("job_id").asLong();
    }

    /** Finishes the job with success (an ephemeral runner then unregisters). */
    void complete(long runnerId, long jobId) {
        post("/_sim/runner/" + runnerId + "/complete", json.writeValueAsString(Map.of("job_id", jobId)), 200);
    }

    private JsonNode post(String path, String body, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
