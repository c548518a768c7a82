package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Actions service a runner scale-set client talks to (see shared/github/scaleset.md): the admin
 * connection ({@code POST <api>/actions/runner-registration} with a registration token), runner
 * groups, scale sets, JIT configs, sessions, the message queue's long poll, job acquisition and
 * runner removal, under {@code <base>/_actions/}. Its calls are counted apart from the REST API's
 * (they do not use the REST rate limit) and share its injected 5xx faults.
 */
final class ActionsService {
    static final String PATH = "/_actions";
    static final String API_VERSION = "6.0-preview";
    private static final String QUEUE = "/queue/{session}/messages";

    private final SimWorld world;
    private final ScaleSets scaleSets;
    private final ActionsTokens tokens;
    private final FaultInjector faults;
    private final RequestCounter counter;
    private final String baseUrl;
    private final Router router = new Router();

    ActionsService(SimWorld world, ScaleSets scaleSets, ActionsTokens tokens, FaultInjector faults,
                   RequestCounter counter, String baseUrl) {
        this.world = world;
        this.scaleSets = scaleSets;
        this.tokens = tokens;
        this.faults = faults;
        this.counter = counter;
        this.baseUrl = baseUrl;
        String sets = "/_apis/runtime/runnerscalesets";
        String agents = "/_apis/distributedtask/pools/0/agents";
        router.add("GET", "/_apis/runtime/runnergroups/", this::runnerGroups)
                .add("GET", sets, this::findScaleSet)
                .add("POST", sets, this::createScaleSet)
                .add("GET", sets + "/{id}", (request, path) -> ok(scaleSet(scaleSets.get(admin(request), path.id("id")))))
                .add("PATCH", sets + "/{id}", this::updateScaleSet)
                .add("DELETE", sets + "/{id}", (request, path) -> {
                    scaleSets.delete(admin(request), path.id("id"));
                    return ApiResponse.noContent();
                })
                .add("POST", sets + "/{id}/generatejitconfig", this::generateJitConfig)
                .add("POST", sets + "/{id}/sessions", this::openSession)
                .add("PATCH", sets + "/{id}/sessions/{session}", (request, path) -> ok(session(
                        scaleSets.refresh(admin(request), path.id("id"), path.get("session")))))
                .add("DELETE", sets + "/{id}/sessions/{session}", (request, path) -> {
                    scaleSets.closeSession(admin(request), path.id("id"), path.get("session"));
                    return ApiResponse.noContent();
                })
                .add("POST", sets + "/{id}/acquirejobs", this::acquireJobs)
                .add("GET", agents, this::findAgent)
                .add("GET", agents + "/{id}", (request, path) -> ok(agent(runner(admin(request), path.id("id")))))
                .add("DELETE", agents + "/{id}", this::deleteAgent)
                .add("GET", QUEUE, this::poll)
                .add("DELETE", QUEUE + "/{message}", this::acknowledge);
    }

    /** Serves {@code <base>/_actions/...}. */
    HttpHandler service() {
        return exchange -> serve(exchange, PATH, request -> router.match(request.method(), request.path())
                .map(match -> {
                    if (match.route().template().startsWith("/_apis") && !API_VERSION.equals(request.queryParam("api-version"))) {
                        throw ActionsError.of(400, "VssInvalidApiVersionException",
                                "api-version=" + API_VERSION + " is required");
                    }
                    return new Answer(match.route().endpoint(), match.handle(request));
                })
                .orElseGet(() -> new Answer(request.method() + " <unknown>", ApiResponse.error(404, "Not Found"))));
    }

    /** Serves {@code <api>/actions/runner-registration}: a registration token buys an admin connection. */
    HttpHandler registration(String apiPrefix) {
        return exchange -> serve(exchange, apiPrefix, request -> new Answer("POST /actions/runner-registration",
                register(request)));
    }

    private record Answer(String endpoint, ApiResponse response) {
    }

    @FunctionalInterface
    private interface Endpoint {
        Answer answer(ApiRequest request);
    }

    private void serve(HttpExchange exchange, String prefix, Endpoint endpoint) throws IOException {
        ApiRequest request = ApiRequest.read(exchange).below(prefix);
        Answer answer;
        if (faults.takeServerError()) {
            answer = new Answer(request.method() + " " + request.path(), ApiResponse.error(502, "Server Error"));
        } else {
            try {
                answer = endpoint.answer(request);
            } catch (ActionsError e) {
                answer = new Answer(request.method() + " " + request.path(), e.response());
            } catch (ApiException e) {
                answer = new Answer(request.method() + " " + request.path(), ApiResponse.error(e.status(), e.getMessage()));
            }
        }
        counter.record(answer.endpoint(), answer.response().status(), false);
        HttpIo.write(exchange, answer.response());
    }

    // ---- the admin connection -----------------------------------------------------------------

    private ApiResponse register(ApiRequest request) {
        if (!request.method().equals("POST") || !request.path().equals("/actions/runner-registration")) {
            return ApiResponse.error(404, "Not Found");
        }
        String authorization = Optional.ofNullable(request.header("Authorization")).orElse("");
        if (!authorization.startsWith("RemoteAuth ")) {
            return ApiResponse.error(401, "Requires authentication");
        }
        RegistrationTokens.Issued token = world.registrationToken(authorization.substring("RemoteAuth ".length()).strip())
                .orElseThrow(() -> new ApiException(401, "Bad credentials"));
        ObjectNode body = Json.readObject(request.body());
        String url = Json.requiredString(body, "url");
        if (!token.scope().webPath().equalsIgnoreCase(pathOf(url))) {
            throw new ApiException(404, "the registration token is not valid for " + url);
        }
        return ApiResponse.json(200, Json.object().put("url", baseUrl + PATH + "/")
                .put("token", tokens.issue(token.scope())).put("token_schema", "OAuthAccessToken"));
    }

    private static String pathOf(String url) {
        try {
            String path = new URI(url).getPath();
            return path == null ? "" : path.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw ApiException.validation("\"url\" is not a URL: " + url);
        }
    }

    private Scope admin(ApiRequest request) {
        return tokens.scopeOf(bearer(request)).orElseThrow(() -> ActionsError.of(401, "UnauthorizedException",
                "the admin token is missing, invalid or expired"));
    }

    private ScaleSets.Session queue(ApiRequest request) {
        return scaleSets.byQueueToken(bearer(request)).orElseThrow(() -> ActionsError.of(401,
                "UnauthorizedException", "the message queue token is invalid or its session ended"));
    }

    private static String bearer(ApiRequest request) {
        String authorization = Optional.ofNullable(request.header("Authorization")).orElse("");
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    }

    // ---- groups and scale sets ----------------------------------------------------------------

    private ApiResponse runnerGroups(ApiRequest request, Router.PathParams path) {
        admin(request);
        String wanted = Optional.ofNullable(request.queryParam("groupName")).orElse(ScaleSets.DEFAULT_GROUP_NAME);
        ArrayNode groups = Json.array();
        if (wanted.equalsIgnoreCase(ScaleSets.DEFAULT_GROUP_NAME)) {
            groups.add(Json.object().put("id", ScaleSets.DEFAULT_GROUP_ID).put("name", ScaleSets.DEFAULT_GROUP_NAME)
                    .put("size", 0).put("isDefaultGroup", true));
        }
        return ok(list(groups));
    }

    private ApiResponse findScaleSet(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        long group = number(request.queryParam("runnerGroupId"), "runnerGroupId");
        String name = Optional.ofNullable(request.queryParam("name")).orElseThrow(() -> ActionsError.of(400,
                "ArgumentException", "name is required"));
        ArrayNode found = Json.array();
        scaleSets.find(scope, group, name).ifPresent(set -> found.add(scaleSet(set)));
        return ok(list(found));
    }

    private ApiResponse createScaleSet(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        ObjectNode body = Json.readObject(request.body());
        String name = Json.requiredString(body, "name");
        long group = body.path("runnerGroupId").asLong(ScaleSets.DEFAULT_GROUP_ID);
        boolean disableUpdate = body.path("RunnerSetting").path("disableUpdate").asBoolean(false);
        return ok(scaleSet(scaleSets.create(scope, group, name, labels(body).orElse(List.of()), disableUpdate)));
    }

    private ApiResponse updateScaleSet(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        ObjectNode body = Json.readObject(request.body());
        Optional<String> name = body.path("name").isString() ? Optional.of(body.path("name").stringValue()) : Optional.empty();
        return ok(scaleSet(scaleSets.update(scope, path.id("id"), name, labels(body))));
    }

    private static Optional<List<String>> labels(ObjectNode body) {
        if (!body.path("labels").isArray()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : body.path("labels")) {
            String name = label.isString() ? label.stringValue() : label.path("name").asString("");
            if (!name.isBlank()) {
                labels.add(name);
            }
        }
        return Optional.of(List.copyOf(labels));
    }

    private ApiResponse generateJitConfig(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        ScaleSets.ScaleSet set = scaleSets.get(scope, path.id("id"));
        ObjectNode body = Json.readObject(request.body());
        String name = Json.requiredString(body, "name");
        SimWorld.JitRegistration registration;
        try {
            registration = world.registerJit(scope, name, set.labels());
        } catch (ApiException e) {
            if (e.status() == 409) {
                throw ActionsError.of(409, "AgentExistsException", "a runner named " + name + " exists");
            }
            throw e;
        }
        scaleSets.addRunner(set.id(), registration.runner().runner().id());
        ObjectNode runner = Json.object().put("id", registration.runner().runner().id()).put("name", name)
                .put("runnerScaleSetId", set.id());
        ObjectNode answer = Json.object();
        answer.set("runner", runner);
        answer.put("encodedJITConfig", RunnerEndpoints.encodedJitConfig(baseUrl, scope, registration,
                body.path("workFolder").asString("_work")));
        return ok(answer);
    }

    // ---- sessions and the message queue -------------------------------------------------------

    private ApiResponse openSession(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        String owner = Json.readObject(request.body()).path("ownerName").asString("unknown");
        return ok(session(scaleSets.openSession(scope, path.id("id"), owner)));
    }

    private ApiResponse poll(ApiRequest request, Router.PathParams path) {
        ScaleSets.Session session = queue(request);
        if (!session.id.equals(path.get("session"))) {
            throw ActionsError.of(401, "UnauthorizedException", "the token is not for this queue");
        }
        long last = Optional.ofNullable(request.queryParam("lastMessageId")).map(v -> number(v, "lastMessageId")).orElse(0L);
        Optional<ScaleSets.Message> message;
        try {
            message = scaleSets.poll(session, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.error(503, "shutting down");
        }
        if (message.isEmpty()) {
            return new ApiResponse(202, null, Map.of());
        }
        ArrayNode items = Json.array();
        message.get().items().forEach(item -> items.add(jobMessage(item)));
        ObjectNode answer = Json.object().put("messageId", message.get().id())
                .put("messageType", "RunnerScaleSetJobMessages").put("body", Json.write(items));
        answer.set("statistics", statistics(session.setId));
        return ok(answer);
    }

    private ApiResponse acknowledge(ApiRequest request, Router.PathParams path) {
        ScaleSets.Session session = queue(request);
        scaleSets.acknowledge(session, path.id("message"));
        return ApiResponse.noContent();
    }

    private ApiResponse acquireJobs(ApiRequest request, Router.PathParams path) {
        ScaleSets.Session session = queue(request);
        if (session.setId != path.id("id")) {
            throw ActionsError.of(401, "UnauthorizedException", "the token is not for scale set " + path.get("id"));
        }
        JsonNode ids = Json.readArray(request.body());
        List<Long> wanted = new ArrayList<>();
        ids.forEach(id -> wanted.add(id.asLong()));
        List<Long> acquired = scaleSets.acquire(session, wanted);
        world.wake();
        ArrayNode value = Json.array();
        acquired.forEach(value::add);
        return ok(list(value));
    }

    // ---- runners (agents) ---------------------------------------------------------------------

    private ApiResponse findAgent(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        String name = Optional.ofNullable(request.queryParam("agentName")).orElse("");
        ArrayNode found = Json.array();
        world.runners(scope).stream().filter(view -> view.runner().name().equalsIgnoreCase(name))
                .forEach(view -> found.add(agent(view)));
        return ok(list(found));
    }

    private ApiResponse deleteAgent(ApiRequest request, Router.PathParams path) {
        Scope scope = admin(request);
        long id = path.id("id");
        return switch (world.delete(scope, id)) {
            case DELETED -> ApiResponse.noContent();
            case NOT_FOUND -> throw ActionsError.of(404, "AgentNotFoundException", "runner " + id + " not found");
            case BUSY -> throw ActionsError.of(400, "JobStillRunningException", "runner " + id + " is running a job");
        };
    }

    private SimWorld.RunnerView runner(Scope scope, long id) {
        return world.runner(scope, id).orElseThrow(() -> ActionsError.of(404, "AgentNotFoundException",
                "runner " + id + " not found"));
    }

    // ---- JSON ---------------------------------------------------------------------------------

    private ObjectNode scaleSet(ScaleSets.ScaleSet set) {
        ObjectNode node = Json.object().put("id", set.id()).put("name", set.name())
                .put("runnerGroupId", set.runnerGroupId()).put("runnerGroupName", ScaleSets.DEFAULT_GROUP_NAME)
                .put("runnerJitConfigUrl", baseUrl + PATH + "/_apis/runtime/runnerscalesets/" + set.id()
                        + "/generatejitconfig");
        ArrayNode labels = node.putArray("labels");
        set.labels().forEach(label -> labels.add(Json.object().put("name", label).put("type", "System")));
        node.putObject("runnerSetting").put("disableUpdate", set.disableUpdate());
        node.set("statistics", statistics(set.id()));
        return node;
    }

    private ObjectNode session(ScaleSets.Session session) {
        ObjectNode node = Json.object().put("sessionId", session.id).put("ownerName", session.owner)
                .put("messageQueueUrl", baseUrl + PATH + "/queue/" + session.id + "/messages")
                .put("messageQueueAccessToken", session.queueToken);
        node.set("statistics", statistics(session.setId));
        scaleSets.all().stream().filter(set -> set.id() == session.setId).findFirst()
                .ifPresent(set -> node.set("runnerScaleSet", scaleSet(set)));
        return node;
    }

    private ObjectNode statistics(long setId) {
        Scope scope = scaleSets.all().stream().filter(set -> set.id() == setId).map(ScaleSets.ScaleSet::scope)
                .findFirst().orElse(null);
        List<SimWorld.RunnerView> runners = scope == null ? List.of() : world.runners(scope);
        ScaleSets.Statistics stats = scaleSets.statistics(setId, runners);
        return Json.object().put("totalAvailableJobs", stats.available()).put("totalAcquiredJobs", stats.acquired())
                .put("totalAssignedJobs", stats.assigned()).put("totalRunningJobs", stats.running())
                .put("totalRegisteredRunners", stats.registered()).put("totalBusyRunners", stats.busy())
                .put("totalIdleRunners", stats.idle());
    }

    private ObjectNode jobMessage(ScaleSets.JobMessage item) {
        SimJob job = item.job();
        ObjectNode node = Json.object().put("messageType", item.type()).put("runnerRequestId", job.id())
                .put("repositoryName", job.repository().substring(job.repository().indexOf('/') + 1))
                .put("ownerName", job.repository().substring(0, job.repository().indexOf('/')))
                .put("jobId", Long.toString(job.id())).put("jobDisplayName", job.name())
                .put("jobWorkflowRef", job.repository() + "/.github/workflows/ci.yml@refs/heads/main")
                .put("workflowRunId", job.runId()).put("eventName", "push")
                .put("queueTime", Timestamps.iso(job.createdAt()));
        node.set("requestLabels", Json.strings(job.labels()));
        if (item.type().equals("JobAvailable")) {
            node.put("acquireJobUrl", baseUrl + PATH + "/_apis/runtime/runnerscalesets/" + item.setId() + "/acquirejobs");
        }
        if (job.runnerId() != null) {
            node.put("runnerId", job.runnerId()).put("runnerName", job.runnerName());
        }
        if (job.startedAt() != null) {
            node.put("runnerAssignTime", Timestamps.iso(job.startedAt()));
        }
        if (job.completedAt() != null) {
            node.put("finishTime", Timestamps.iso(job.completedAt())).put("result",
                    job.conclusion() == null ? "succeeded" : result(job.conclusion()));
        }
        return node;
    }

    /** The service spells conclusions as results: success -> succeeded, failure -> failed. */
    private static String result(String conclusion) {
        return switch (conclusion.toLowerCase(Locale.ROOT)) {
            case "success" -> "succeeded";
            case "failure" -> "failed";
            case "cancelled" -> "canceled";
            default -> conclusion;
        };
    }

    private ObjectNode agent(SimWorld.RunnerView view) {
        ObjectNode node = Json.object().put("id", view.runner().id()).put("name", view.runner().name())
                .put("version", "2.330.0").put("enabled", true).put("status", view.status());
        ArrayNode labels = node.putArray("labels");
        view.runner().labels().forEach(label -> labels.add(Json.object().put("name", label).put("type", "System")));
        return node;
    }

    private static ObjectNode list(ArrayNode value) {
        ObjectNode node = Json.object().put("count", value.size());
        node.set("value", value);
        return node;
    }

    private static ApiResponse ok(ObjectNode body) {
        return ApiResponse.json(200, body);
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw ActionsError.of(400, "ArgumentException", name + " must be a number, got " + value);
        }
    }
}
