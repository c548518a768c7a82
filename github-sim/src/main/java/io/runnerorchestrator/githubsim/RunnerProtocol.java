package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What a runner speaks to the simulator under {@code /_sim/runner}: connect (JIT config or
 * registration token), acquire a job by long poll, heartbeat while running it, complete it,
 * disconnect when it shuts down.
 */
final class RunnerProtocol {
    /** GitHub's own long poll lasts about 50 seconds. */
    private static final int MAX_WAIT_SECONDS = 50;

    private final SimWorld world;

    RunnerProtocol(SimWorld world) {
        this.world = world;
    }

    void register(Router router) {
        router.add("POST", "/_sim/runner/connect", (request, path) -> connect(request))
                .add("POST", "/_sim/runner/{runner_id}/acquire", this::acquire)
                .add("POST", "/_sim/runner/{runner_id}/heartbeat", (request, path) -> {
                    world.heartbeat(path.id("runner_id"));
                    return ApiResponse.json(200, Json.object());
                })
                .add("POST", "/_sim/runner/{runner_id}/complete", this::complete)
                .add("POST", "/_sim/runner/{runner_id}/disconnect", (request, path) -> {
                    world.disconnect(path.id("runner_id"));
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse connect(ApiRequest request) {
        ObjectNode body = Json.readObject(request.body());
        long runnerId = body.has("jit_config") ? connectJit(body) : connectWithToken(body);
        return ApiResponse.json(200, Json.object().put("runner_id", runnerId));
    }

    private long connectJit(ObjectNode body) {
        JsonNode config;
        try {
            byte[] decoded = Base64.getDecoder().decode(Json.requiredString(body, "jit_config").trim());
            config = Json.readObject(decoded);
        } catch (IllegalArgumentException | ApiException e) {
            throw new ApiException(401, "jit_config is not a JIT configuration issued by this simulator");
        }
        return world.connectJit(config.path("runner_id").asLong(-1), config.path("credential").asString(""));
    }

    private long connectWithToken(ObjectNode body) {
        String token = Json.requiredString(body, "token");
        String name = Json.requiredString(body, "name");
        List<String> labels = body.has("labels") ? Json.stringList(body, "labels") : List.of();
        return world.connectWithToken(token, scopeOf(Json.requiredString(body, "url")), name, labels,
                body.path("ephemeral").asBoolean(false));
    }

    private ApiResponse acquire(ApiRequest request, Router.PathParams path) {
        int waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.max(0, intParam(request.queryParam("wait_s"))));
        Optional<SimJob> job;
        try {
            job = world.acquire(path.id("runner_id"), Duration.ofSeconds(waitSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "simulator is shutting down");
        }
        return job.map(found -> ApiResponse.json(200, Json.object()
                        .put("job_id", found.id())
                        .put("duration_ms", found.duration().toMillis())
                        .put("run_id", found.runId())
                        .put("repository", found.repository())
                        .put("name", found.name())))
                .orElseGet(ApiResponse::noContent);
    }

    private ApiResponse complete(ApiRequest request, Router.PathParams path) {
        ObjectNode body = Json.readObject(request.body());
        JsonNode jobId = body.path("job_id");
        if (!jobId.isIntegralNumber()) {
            throw ApiException.validation("\"job_id\" wasn't supplied.");
        }
        String conclusion = body.path("conclusion").asString("success");
        if (!List.of("success", "failure", "cancelled").contains(conclusion)) {
            throw ApiException.validation("\"conclusion\" must be success, failure or cancelled, got " + conclusion + ".");
        }
        SimJob done = world.complete(path.id("runner_id"), jobId.asLong(), conclusion);
        return ApiResponse.json(200, Json.object().put("job_id", done.id()).put("conclusion", done.conclusion()));
    }

    /** {@code http://host/owner/repo} is a repository scope, {@code http://host/org} an organisation. */
    private static Scope scopeOf(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("\"url\" is not a URL: " + url);
        }
        String[] parts = path == null ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length == 1 && !parts[0].isEmpty()) {
            return Scope.ofOrganization(parts[0]);
        }
        if (parts.length == 2) {
            return Scope.ofRepository(parts[0] + "/" + parts[1]);
        }
        throw ApiException.validation("\"url\" must end in /org or /owner/repo, got " + url);
    }

    private static int intParam(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.validation("wait_s must be a whole number of seconds, got " + text);
        }
    }
}
