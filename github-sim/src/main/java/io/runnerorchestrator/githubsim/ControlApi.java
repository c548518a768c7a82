package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The simulator's own control endpoints under {@code /_sim}: workload, state, faults, webhooks. */
final class ControlApi {
    private final GitHubSimulator simulator;

    ControlApi(GitHubSimulator simulator) {
        this.simulator = simulator;
    }

    void register(Router router) {
        router.add("POST", "/_sim/jobs", (request, path) -> enqueue(request))
                .add("GET", "/_sim/state", (request, path) -> ApiResponse.json(200, simulator.state()))
                .add("POST", "/_sim/faults", (request, path) -> fault(request))
                .add("DELETE", "/_sim/faults", (request, path) -> {
                    simulator.faults().clear();
                    return ApiResponse.noContent();
                })
                .add("POST", "/_sim/webhooks", (request, path) -> subscribe(request))
                .add("DELETE", "/_sim/webhooks", (request, path) -> {
                    simulator.clearWebhooks();
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse enqueue(ApiRequest request) {
        ObjectNode body = Json.readObject(request.body());
        Workload workload = Workload.jobs(Json.requiredString(body, "repository"), body.path("count").asInt(1))
                .duration(Duration.ofMillis(body.path("duration_ms").asLong(0)));
        if (body.has("labels")) {
            workload = workload.labels(Json.stringList(body, "labels"));
        }
        if (body.has("name")) {
            workload = workload.named(Json.requiredString(body, "name"));
        }
        if (body.path("matrix").asBoolean(false)) {
            workload = workload.matrix();
        }
        SimWorld.Enqueued enqueued = simulator.enqueueRuns(workload);
        ObjectNode answer = Json.object();
        answer.set("run_ids", longs(enqueued.runIds()));
        answer.set("job_ids", longs(enqueued.jobIds()));
        return ApiResponse.json(201, answer);
    }

    private ApiResponse fault(ApiRequest request) {
        ObjectNode body = Json.readObject(request.body());
        String type = Json.requiredString(body, "type");
        FaultInjector faults = simulator.faults();
        switch (type) {
            case "server_error" -> faults.serverErrors(requiredInt(body, "count"));
            case "rate_limit" -> faults.exhaustRateLimit(Duration.ofSeconds(requiredInt(body, "seconds")));
            case "slow" -> faults.slow(Duration.ofMillis(requiredInt(body, "delay_ms")), requiredInt(body, "count"));
            default -> throw ApiException.validation(
                    "unknown fault type '" + type + "' (expected server_error, rate_limit or slow).");
        }
        return ApiResponse.noContent();
    }

    private ApiResponse subscribe(ApiRequest request) {
        ObjectNode body = Json.readObject(request.body());
        URI target;
        try {
            target = URI.create(Json.requiredString(body, "url"));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("\"url\" is not a URI: " + body.path("url").asString());
        }
        simulator.webhooks(target, Json.requiredString(body, "secret"));
        return ApiResponse.noContent();
    }

    private static int requiredInt(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw ApiException.validation("\"" + field + "\" must be a non-negative integer.");
        }
        return value.asInt();
    }

    private static JsonNode longs(List<Long> values) {
        var array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
