package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

/** The runner protocol spoken step by step, so tests control exactly when each call happens. */
final class ProtocolClient {
    private final SimHttp http;

    ProtocolClient(SimHttp http) {
        this.http = http;
    }

    long connectJit(String encodedJitConfig) {
        HttpResponse<String> response = http.post("/_sim/runner/connect",
                "{\"jit_config\":\"" + encodedJitConfig + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("connect answered " + response.statusCode() + ": " + response.body());
        }
        return SimHttp.json(response).path("runner_id").asLong();
    }

    /** Registers a JIT runner and connects it; returns its id. */
    long jitRunner(String scopePath, String name, String... labels) {
        return connectJit(http.generateJit(scopePath, name, labels).path("encoded_jit_config").asString());
    }

    HttpResponse<String> acquire(long runnerId, int waitSeconds) {
        return http.post("/_sim/runner/" + runnerId + "/acquire?wait_s=" + waitSeconds, "");
    }

    long acquireJob(long runnerId) {
        HttpResponse<String> response = acquire(runnerId, 0);
        if (response.statusCode() != 200) {
            throw new AssertionError("acquire answered " + response.statusCode() + ": " + response.body());
        }
        return SimHttp.json(response).path("job_id").asLong();
    }

    HttpResponse<String> complete(long runnerId, long jobId, String conclusion) {
        return http.post("/_sim/runner/" + runnerId + "/complete",
                "{\"job_id\":" + jobId + ",\"conclusion\":\"" + conclusion + "\"}");
    }

    HttpResponse<String> heartbeat(long runnerId) {
        return http.post("/_sim/runner/" + runnerId + "/heartbeat", "");
    }

    static JsonNode body(HttpResponse<String> response) {
        return SimHttp.json(response);
    }
}
