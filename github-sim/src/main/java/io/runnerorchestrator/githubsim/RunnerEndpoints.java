package io.runnerorchestrator.githubsim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Self-hosted runner endpoints, in repository and organisation scope. */
final class RunnerEndpoints {
    private static final int MAX_LABELS = 100;

    private final SimWorld world;
    private final ScopeResolver scopes;
    private final GitHubJson json;
    private final PagedAnswer paged;
    private final String baseUrl;

    /** @param baseUrl where runners connect (the JIT config's url); {@code apiUrl} roots the Link headers */
    RunnerEndpoints(SimWorld world, GitHubJson json, String baseUrl, String apiUrl) {
        this.world = world;
        this.scopes = new ScopeResolver(world);
        this.json = json;
        this.paged = new PagedAnswer(apiUrl);
        this.baseUrl = baseUrl;
    }

    void register(Router router) {
        for (String prefix : List.of("/repos/{owner}/{repo}", "/orgs/{org}")) {
            String runners = prefix + "/actions/runners";
            router.add("GET", runners, this::list)
                    .add("GET", runners + "/{runner_id}", this::get)
                    .add("DELETE", runners + "/{runner_id}", this::delete)
                    .add("POST", runners + "/registration-token", this::registrationToken)
                    .add("POST", runners + "/remove-token", this::removeToken)
                    .add("POST", runners + "/generate-jitconfig", this::generateJitConfig);
        }
        router.add("GET", "/orgs/{org}/actions/runner-groups", this::runnerGroups);
    }

    private ApiResponse list(ApiRequest request, Router.PathParams path) {
        String name = request.queryParam("name");
        List<SimWorld.RunnerView> all = world.runners(scopes.scope(path)).stream()
                .filter(view -> name == null || view.runner().name().equals(name))
                .toList();
        return paged.wrapped(request, "runners", all, json::runner);
    }

    private ApiResponse get(ApiRequest request, Router.PathParams path) {
        return world.runner(scopes.scope(path), path.id("runner_id"))
                .map(view -> ApiResponse.json(200, json.runner(view)))
                .orElseThrow(ApiException::notFound);
    }

    private ApiResponse delete(ApiRequest request, Router.PathParams path) {
        long id = path.id("runner_id");
        return switch (world.delete(scopes.scope(path), id)) {
            case DELETED -> ApiResponse.noContent();
            case NOT_FOUND -> throw ApiException.notFound();
            case BUSY -> throw new ApiException(422, "Bad request - Runner " + id + " is still running a job.");
        };
    }

    private ApiResponse registrationToken(ApiRequest request, Router.PathParams path) {
        return tokenAnswer(world.issueRegistrationToken(scopes.scope(path)));
    }

    private ApiResponse removeToken(ApiRequest request, Router.PathParams path) {
        return tokenAnswer(world.issueRemoveToken(scopes.scope(path)));
    }

    private ApiResponse generateJitConfig(ApiRequest request, Router.PathParams path) {
        Scope scope = scopes.scope(path);
        ObjectNode body = Json.readObject(request.body());
        String name = Json.requiredString(body, "name");
        JsonNode group = body.path("runner_group_id");
        if (!group.isIntegralNumber()) {
            throw ApiException.validation("\"runner_group_id\" wasn't supplied.");
        }
        if (group.asLong() != GitHubJson.DEFAULT_RUNNER_GROUP_ID) {
            throw ApiException.validation("runner group " + group.asLong() + " does not exist.");
        }
        List<String> labels = Json.stringList(body, "labels");
        if (labels.isEmpty() || labels.size() > MAX_LABELS) {
            throw ApiException.validation("\"labels\" must hold 1 to " + MAX_LABELS + " items, got " + labels.size() + ".");
        }
        String workFolder = body.path("work_folder").asString("_work");
        SimWorld.JitRegistration registration = world.registerJit(scope, name, labels);
        String encoded = encodedJitConfig(baseUrl, scope, registration, workFolder);
        ObjectNode answer = Json.object();
        answer.set("runner", json.runner(registration.runner()));
        answer.put("encoded_jit_config", encoded);
        return ApiResponse.json(201, answer);
    }

    /** What the runner protocol accepts: where to connect, as whom and with which credential. */
    static String encodedJitConfig(String baseUrl, Scope scope, SimWorld.JitRegistration registration,
                                   String workFolder) {
        ObjectNode config = Json.object()
                .put("url", baseUrl)
                .put("scope", scope.webPath())
                .put("runner_id", registration.runner().runner().id())
                .put("name", registration.runner().runner().name())
                .put("credential", registration.credential())
                .put("work_folder", workFolder);
        return Base64.getEncoder().encodeToString(Json.write(config).getBytes(StandardCharsets.UTF_8));
    }

    private ApiResponse runnerGroups(ApiRequest request, Router.PathParams path) {
        scopes.organization(path);
        return paged.wrapped(request, "runner_groups", List.of(json.runnerGroup()), group -> group);
    }

    private static ApiResponse tokenAnswer(RegistrationTokens.Issued token) {
        return ApiResponse.json(201, Json.object()
                .put("token", token.token())
                .put("expires_at", Timestamps.iso(token.expiresAt())));
    }
}
