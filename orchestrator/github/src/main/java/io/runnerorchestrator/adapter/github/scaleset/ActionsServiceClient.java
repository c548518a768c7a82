package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException.Kind;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.RegistrationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The runner scale-set client of GitHub's Actions service (see docs: shared/github/scaleset.md): an
 * admin connection bought with a registration token and renewed before its JWT expires or after a
 * 401, scale sets found or created, the one session, the long poll, acknowledgements, job
 * acquisition, JIT configs and runner removal. It retries nothing else: its caller (the listener
 * loop) owns backoff. Thread-safe; never logs or throws a token.
 */
public final class ActionsServiceClient {

    static final String API_VERSION = "6.0-preview";
    /** Renew the admin token when it has less than this left. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    /** The service holds a poll about 50 s before it answers 202. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(70);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ActionsServiceClient.class);

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI registrationUrl;
    private final String scopeUrl;
    private final Supplier<RegistrationToken> registrationTokens;
    private final String userAgent;
    private final Clock clock;
    private AdminConnection connection;

    /**
     * @param apiUrl             GitHub's REST API root (https://api.github.com or https://host/api/v3)
     * @param scopeUrl           the web URL of the scope runners serve, e.g. https://github.com/acme
     * @param registrationTokens a registration token for that scope (one REST call each, about once an hour)
     */
    public ActionsServiceClient(URI apiUrl, URI scopeUrl, Supplier<RegistrationToken> registrationTokens,
                                String userAgent, Duration connectTimeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .version("https".equals(apiUrl.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
        this.registrationUrl = URI.create(apiUrl.toString().replaceAll("/+$", "") + "/actions/runner-registration");
        this.scopeUrl = scopeUrl.toString().replaceAll("/+$", "");
        this.registrationTokens = registrationTokens;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    /** The admin connection: where the service is, and a JWT for it. Never printed. */
    private record AdminConnection(String serviceUrl, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "AdminConnection[serviceUrl=" + serviceUrl + ", token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    // ---- scale sets ---------------------------------------------------------------------------

    /** The scale set of this name in the group, created when missing, its labels brought up to date. */
    public ScaleSet findOrCreate(String name, String runnerGroupName, List<String> labels) {
        long groupId = runnerGroupId(runnerGroupName);
        JsonNode found = admin("GET", "_apis/runtime/runnerscalesets", "&runnerGroupId=" + groupId + "&name=" + encode(name),
                null).path("value");
        if (found.isArray() && !found.isEmpty()) {
            ScaleSet existing = scaleSet(found.get(0));
            if (!Set.copyOf(existing.labels()).equals(Set.copyOf(labels))) {
                log.info("scaleset.labels_updated scale_set={} id={} labels={}", name, existing.id(), labels);
                return scaleSet(admin("PATCH", "_apis/runtime/runnerscalesets/" + existing.id(), "",
                        json.createObjectNode().set("labels", labelArray(labels))));
            }
            return existing;
        }
        ObjectNode body = json.createObjectNode().put("name", name).put("runnerGroupId", groupId);
        body.set("labels", labelArray(labels));
        body.putObject("RunnerSetting").put("disableUpdate", true);
        ScaleSet created = scaleSet(admin("POST", "_apis/runtime/runnerscalesets", "", body));
        log.info("scaleset.created scale_set={} id={} group={} labels={}", name, created.id(), runnerGroupName, labels);
        return created;
    }

    public ScaleSet scaleSet(long id) {
        return scaleSet(admin("GET", "_apis/runtime/runnerscalesets/" + id, "", null));
    }

    private long runnerGroupId(String name) {
        JsonNode groups = admin("GET", "_apis/runtime/runnergroups/", "&groupName=" + encode(name), null).path("value");
        if (!groups.isArray() || groups.isEmpty()) {
            throw new ActionsServiceException(Kind.NOT_FOUND, 404, "RunnerGroupNotFoundException",
                    "runner group '" + name + "' does not exist in " + scopeUrl, null);
        }
        return groups.get(0).path("id").asLong();
    }

    // ---- the session and its queue ------------------------------------------------------------

    /** Opens the set's one session; a CONFLICT {@link ActionsServiceException} while another lives. */
    public ScaleSetSession openSession(long scaleSetId, String owner) {
        return session(scaleSetId, admin("POST", "_apis/runtime/runnerscalesets/" + scaleSetId + "/sessions", "",
                json.createObjectNode().put("ownerName", owner)));
    }

    /** A new queue token for the session (after the queue answered 401). */
    public ScaleSetSession refreshSession(ScaleSetSession session) {
        return session(session.scaleSetId(), admin("PATCH", "_apis/runtime/runnerscalesets/" + session.scaleSetId()
                + "/sessions/" + session.id(), "", null));
    }

    public void closeSession(ScaleSetSession session) {
        closeSession(session.scaleSetId(), session.id());
    }

    /** Closes a session by id: one this client did not open, left by a listener that died. */
    public void closeSession(long scaleSetId, String sessionId) {
        admin("DELETE", "_apis/runtime/runnerscalesets/" + scaleSetId + "/sessions/" + encode(sessionId), "", null);
    }

    /**
     * One long poll: a batch of messages after {@code lastMessageId} (0 for none), or empty when the
     * service had nothing within its wait (202).
     *
     * @param maxCapacity MAX_RUNNERS, sent as {@code X-ScaleSetMaxCapacity}
     */
    public Optional<MessageBatch> poll(ScaleSetSession session, long lastMessageId, int maxCapacity) {
        URI uri = URI.create(session.queueUrl() + (lastMessageId > 0 ? "?lastMessageId=" + lastMessageId : ""));
        HttpRequest request = base(uri, POLL_TIMEOUT, "Bearer " + session.queueToken())
                .header("Accept", "application/json; api-version=" + API_VERSION)
                .header("X-ScaleSetMaxCapacity", Integer.toString(maxCapacity)).GET().build();
        Answer answer = send("GET <message queue>", request);
        if (answer.status() == 202) {
            return Optional.empty();
        }
        JsonNode message = answer.body();
        List<JobMessage> items = new ArrayList<>();
        String body = message.path("body").asString("");
        if (!body.isBlank()) {
            JsonNode array = read("GET <message queue>", body);
            array.forEach(item -> items.add(jobMessage(item)));
        }
        return Optional.of(new MessageBatch(message.path("messageId").asLong(), items, statistics(message.path("statistics"))));
    }

    public void acknowledge(ScaleSetSession session, long messageId) {
        HttpRequest request = base(URI.create(session.queueUrl() + "/" + messageId), CALL_TIMEOUT,
                "Bearer " + session.queueToken()).DELETE().build();
        send("DELETE <message queue>/{messageId}", request);
    }

    /** Claims offered jobs for the set; returns the request ids it got (others went elsewhere). */
    public List<Long> acquire(ScaleSetSession session, List<Long> runnerRequestIds) {
        ArrayNode ids = json.createArrayNode();
        runnerRequestIds.forEach(ids::add);
        URI uri = URI.create(connection().serviceUrl() + "_apis/runtime/runnerscalesets/" + session.scaleSetId()
                + "/acquirejobs?api-version=" + API_VERSION);
        HttpRequest request = base(uri, CALL_TIMEOUT, "Bearer " + session.queueToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ids.toString())).build();
        List<Long> acquired = new ArrayList<>();
        send("POST /_apis/runtime/runnerscalesets/{id}/acquirejobs", request).body().path("value")
                .forEach(id -> acquired.add(id.asLong()));
        return acquired;
    }

    // ---- runners ------------------------------------------------------------------------------

    /** A JIT runner of the scale set: its registration and the secret config for the container. */
    public JitRunner generateJitConfig(long scaleSetId, String name, String workFolder) {
        JsonNode answer = admin("POST", "_apis/runtime/runnerscalesets/" + scaleSetId + "/generatejitconfig", "",
                json.createObjectNode().put("name", name).put("workFolder", workFolder));
        JsonNode runner = answer.path("runner");
        String config = answer.path("encodedJITConfig").asString("");
        if (config.isEmpty()) {
            throw new ActionsServiceException(Kind.SERVER_ERROR, 200, "", "generatejitconfig answered without encodedJITConfig",
                    null);
        }
        return new JitRunner(new GitHubRunner(runner.path("id").asLong(), runner.path("name").asString(name), "Linux",
                false, false, Set.of()), config);
    }

    /** Removes a runner's registration; REFUSED while it runs a job. */
    public GitHub.DeleteResult removeRunner(long runnerId) {
        try {
            admin("DELETE", "_apis/distributedtask/pools/0/agents/" + runnerId, "", null);
            return GitHub.DeleteResult.DELETED;
        } catch (ActionsServiceException e) {
            if (e.is("AgentNotFoundException") || e.kind() == Kind.NOT_FOUND) {
                return GitHub.DeleteResult.NOT_FOUND;
            }
            if (e.is("JobStillRunningException")) {
                return GitHub.DeleteResult.REFUSED;
            }
            throw e;
        }
    }

    /** A runner by name, online or not; never busy: the agent record does not say (see {@link BusyRunners}). */
    public Optional<GitHubRunner> runnerByName(String name) {
        JsonNode found = admin("GET", "_apis/distributedtask/pools/0/agents", "&agentName=" + encode(name), null).path("value");
        if (!found.isArray() || found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(runner(found.get(0), name));
    }

    /** A runner by id, online or not; never busy: the agent record does not say (see {@link BusyRunners}). */
    public Optional<GitHubRunner> runner(long runnerId) {
        try {
            return Optional.of(runner(admin("GET", "_apis/distributedtask/pools/0/agents/" + runnerId, "", null), ""));
        } catch (ActionsServiceException e) {
            if (e.is("AgentNotFoundException") || e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static GitHubRunner runner(JsonNode agent, String name) {
        return new GitHubRunner(agent.path("id").asLong(), agent.path("name").asString(name), "Linux",
                "online".equalsIgnoreCase(agent.path("status").asString("")), false, Set.of());
    }

    // ---- the admin connection and the wire ----------------------------------------------------

    private synchronized AdminConnection connection() {
        if (connection == null || !clock.instant().isBefore(connection.expiresAt().minus(RENEW_BEFORE))) {
            connection = register();
        }
        return connection;
    }

    private synchronized void forget(AdminConnection stale) {
        if (connection == stale) {
            connection = null;
        }
    }

    private AdminConnection register() {
        RegistrationToken token = registrationTokens.get();
        ObjectNode body = json.createObjectNode().put("url", scopeUrl).put("runner_event", "register");
        HttpRequest request = base(registrationUrl, CALL_TIMEOUT, "RemoteAuth " + token.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        JsonNode answer = send("POST /actions/runner-registration", request).body();
        String serviceUrl = answer.path("url").asString("");
        String jwt = answer.path("token").asString("");
        if (serviceUrl.isEmpty() || jwt.isEmpty()) {
            throw new ActionsServiceException(Kind.SERVER_ERROR, 200, "",
                    "POST /actions/runner-registration answered without url or token", null);
        }
        AdminConnection admin = new AdminConnection(serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/", jwt,
                expiry(jwt));
        log.info("scaleset.connected service={} expires_at={}", admin.serviceUrl(), admin.expiresAt());
        return admin;
    }

    /**
     * The JWT's {@code exp}. Only read, never verified (the service verifies it; we hold no key), so the
     * payload is decoded rather than parsed by a JWT library; a token without one is renewed in 50 min.
     */
    private Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.path("exp").canConvertToLong()) {
                return Instant.ofEpochSecond(claims.path("exp").asLong());
            }
        } catch (RuntimeException e) {
            log.warn("scaleset.token_unreadable error={}", e.getClass().getSimpleName());
        }
        return clock.instant().plus(Duration.ofMinutes(50));
    }

    /** A call with the admin token; after a 401 the connection is renewed and the call made once more. */
    private JsonNode admin(String method, String path, String query, JsonNode body) {
        String endpoint = method + " /" + path.replaceAll("/\\d+", "/{id}").replaceAll("/sessions/[^/]+", "/sessions/{sessionId}");
        AdminConnection admin = connection();
        try {
            return send(endpoint, adminRequest(admin, method, path, query, body)).body();
        } catch (ActionsServiceException e) {
            if (e.kind() != Kind.UNAUTHORIZED) {
                throw e;
            }
            forget(admin);
            return send(endpoint, adminRequest(connection(), method, path, query, body)).body();
        }
    }

    private HttpRequest adminRequest(AdminConnection admin, String method, String path, String query, JsonNode body) {
        URI uri = URI.create(admin.serviceUrl() + path + "?api-version=" + API_VERSION + query);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        return base(uri, CALL_TIMEOUT, "Bearer " + admin.token()).header("Content-Type", "application/json")
                .method(method, publisher).build();
    }

    private HttpRequest.Builder base(URI uri, Duration timeout, String authorization) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization)
                .header("User-Agent", userAgent).header("Accept", "application/json");
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String endpoint, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ActionsServiceException(Kind.NETWORK, 0, "", endpoint + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionsServiceException(Kind.NETWORK, 0, "", endpoint + ": interrupted", e);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new Answer(status, text.isBlank() ? json.createObjectNode() : read(endpoint, text));
        }
        throw failure(endpoint, status, text);
    }

    private JsonNode read(String endpoint, String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new ActionsServiceException(Kind.SERVER_ERROR, 200, "", endpoint + ": unreadable answer", e);
        }
    }

    private ActionsServiceException failure(String endpoint, int status, String text) {
        String typeName = "";
        String message = "";
        try {
            JsonNode error = json.readTree(text);
            typeName = shortName(error.path("typeName").asString(""));
            message = error.path("message").asString("");
        } catch (JacksonException e) {
            // not JSON: the status says enough
        }
        Kind kind = switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.UNPROCESSABLE;
        };
        String shown = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        return new ActionsServiceException(kind, status, typeName, endpoint + " answered " + status
                + (typeName.isEmpty() ? "" : " " + typeName) + (shown.isEmpty() ? "" : ": " + shown), null);
    }

    /** {@code GitHub.Actions.Runtime.WebApi.RunnerScaleSetNotFoundException, GitHub...} -> the short name. */
    static String shortName(String typeName) {
        String type = typeName.contains(",") ? typeName.substring(0, typeName.indexOf(',')) : typeName;
        return type.substring(type.lastIndexOf('.') + 1).strip();
    }

    // ---- JSON ---------------------------------------------------------------------------------

    private ScaleSet scaleSet(JsonNode node) {
        List<String> labels = new ArrayList<>();
        node.path("labels").forEach(label -> labels.add(label.isString() ? label.asString() : label.path("name").asString()));
        return new ScaleSet(node.path("id").asLong(), node.path("name").asString(), node.path("runnerGroupId").asLong(),
                labels, statistics(node.path("statistics")));
    }

    private ScaleSetSession session(long scaleSetId, JsonNode node) {
        return new ScaleSetSession(node.path("sessionId").asString(), scaleSetId,
                URI.create(node.path("messageQueueUrl").asString()), node.path("messageQueueAccessToken").asString(),
                statistics(node.path("statistics")));
    }

    private static ScaleSetStatistics statistics(JsonNode node) {
        if (!node.isObject()) {
            return ScaleSetStatistics.NONE;
        }
        return new ScaleSetStatistics(node.path("totalAvailableJobs").asInt(), node.path("totalAcquiredJobs").asInt(),
                node.path("totalAssignedJobs").asInt(), node.path("totalRunningJobs").asInt(),
                node.path("totalRegisteredRunners").asInt(), node.path("totalBusyRunners").asInt(),
                node.path("totalIdleRunners").asInt());
    }

    private static JobMessage jobMessage(JsonNode item) {
        List<String> labels = new ArrayList<>();
        item.path("requestLabels").forEach(label -> labels.add(label.asString()));
        String owner = item.path("ownerName").asString("");
        String repository = item.path("repositoryName").asString("");
        return new JobMessage(item.path("messageType").asString(""), item.path("runnerRequestId").asLong(),
                owner.isEmpty() ? repository : owner + "/" + repository, labels, instant(item.path("queueTime")),
                item.has("runnerId") ? Optional.of(item.path("runnerId").asLong()) : Optional.empty(),
                Optional.ofNullable(item.path("runnerName").asString(null)),
                Optional.ofNullable(item.path("result").asString(null)));
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isString() ? Instant.parse(node.asString()) : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private ArrayNode labelArray(List<String> labels) {
        ArrayNode array = json.createArrayNode();
        labels.forEach(label -> array.add(json.createObjectNode().put("name", label).put("type", "System")));
        return array;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
