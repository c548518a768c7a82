package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The GitHub REST front door: applies injected faults, authentication, the primary rate limit,
 * conditional GETs (ETag / 304, not counted), then the endpoint; counts every answer.
 */
final class ApiGateway implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiGateway.class);
    private static final String RATE_LIMIT_PATH = "/rate_limit";

    private final Router router;
    private final String pathPrefix;
    private final Set<String> tokens;
    private final AppAuthenticator appAuthenticator;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final RequestCounter counter;

    ApiGateway(Router router, String pathPrefix, Set<String> tokens, AppAuthenticator appAuthenticator,
               RateLimiter rateLimiter, FaultInjector faults, RequestCounter counter) {
        this.router = router;
        this.pathPrefix = pathPrefix;
        this.tokens = tokens;
        this.appAuthenticator = appAuthenticator;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counter = counter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiRequest request = ApiRequest.read(exchange).below(pathPrefix);
        if (request.path().equals(RATE_LIMIT_PATH) && request.method().equals("GET")) {
            finish(exchange, "GET " + RATE_LIMIT_PATH, rateLimitAnswer(request), false);
            return;
        }
        Optional<Router.Match> match = router.match(request.method(), request.path());
        String endpoint = match.map(found -> found.route().endpoint()).orElse(request.method() + " <unknown>");
        Optional<Duration> delay = faults.takeDelay();
        if (delay.isPresent()) {
            pause(delay.get());
        }
        Outcome outcome = answer(request, match);
        faults.takeLostAnswer().ifPresent(ApiGateway::pause);
        finish(exchange, endpoint, outcome.response(), outcome.counted());
    }

    private Outcome answer(ApiRequest request, Optional<Router.Match> match) {
        Caller caller = authenticate(request, match.map(found -> found.route().appJwt()).orElse(false));
        if (faults.takeServerError()) {
            RateLimiter.Snapshot limits = caller.key().map(rateLimiter::peek).orElseGet(rateLimiter::unauthenticated);
            return new Outcome(ApiResponse.error(502, "Server Error").withHeaders(limits.headers()), false);
        }
        if (caller.key().isEmpty()) {
            return new Outcome(unauthorized(caller), false);
        }
        String key = caller.key().get();
        RateLimiter.Snapshot before = rateLimiter.peek(key);
        if (before.exhausted()) {
            return new Outcome(ApiResponse.error(403, "API rate limit exceeded for user ID 1. If you reach out to "
                    + "GitHub Support for help, please include the request ID " + UUID.randomUUID() + ".")
                    .withHeaders(before.headers()), false);
        }
        ApiResponse response = match.map(found -> handle(found, request))
                .orElseGet(() -> ApiResponse.error(404, "Not Found"));
        if (request.method().equals("GET") && response.status() == 200) {
            String etag = Etags.of(response.body());
            response = response.withHeader("ETag", etag);
            if (Etags.matches(request.header("If-None-Match"), etag)) {
                return new Outcome(new ApiResponse(304, null, response.headers()).withHeaders(before.headers()), false);
            }
        }
        return new Outcome(response.withHeaders(rateLimiter.consume(key).headers()), true);
    }

    private static ApiResponse handle(Router.Match match, ApiRequest request) {
        try {
            return match.handle(request);
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage());
        }
    }

    private ApiResponse rateLimitAnswer(ApiRequest request) {
        RateLimiter.Snapshot snapshot = rateLimiter.unauthenticated();
        if (request.header("Authorization") != null) {
            Caller caller = authenticate(request, false);
            if (caller.key().isEmpty()) {
                return unauthorized(caller);
            }
            snapshot = rateLimiter.peek(caller.key().get());
        }
        var core = Json.object()
                .put("limit", snapshot.limit())
                .put("used", snapshot.used())
                .put("remaining", snapshot.remaining())
                .put("reset", Timestamps.epochSecondsCeil(snapshot.resetAt()));
        var body = Json.object();
        body.putObject("resources").set("core", core);
        body.set("rate", core.deepCopy());
        return ApiResponse.json(200, body).withHeaders(snapshot.headers());
    }

    private ApiResponse unauthorized(Caller caller) {
        return ApiResponse.error(401, caller.failure()).withHeaders(rateLimiter.unauthenticated().headers());
    }

    /**
     * {@code Authorization: Bearer|token <credential>}: a PAT or installation token, or on App
     * routes the App's JWT. The rate-limit key is the credential (the App for JWTs).
     */
    private Caller authenticate(ApiRequest request, boolean appRoute) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return Caller.refused("Requires authentication");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length != 2 || !(scheme.equals("bearer") || scheme.equals("token"))) {
            return Caller.refused("Bad credentials");
        }
        String credential = parts[1].trim();
        if (appRoute) {
            try {
                return new Caller(Optional.of(appAuthenticator.verifyJwt(credential)), "");
            } catch (ApiException e) {
                return Caller.refused(e.getMessage());
            }
        }
        boolean known = tokens.contains(credential) || appAuthenticator.validInstallationToken(credential);
        return known ? new Caller(Optional.of(credential), "") : Caller.refused("Bad credentials");
    }

    private void finish(HttpExchange exchange, String endpoint, ApiResponse response, boolean counted)
            throws IOException {
        counter.record(endpoint, response.status(), counted);
        log.debug("api.request endpoint={} status={} counted={}", endpoint, response.status(), counted);
        HttpIo.write(exchange, response
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28")
                .withHeader("X-GitHub-Request-Id", UUID.randomUUID().toString()));
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Outcome(ApiResponse response, boolean counted) {
    }

    /** Who is calling: the rate-limit key when authenticated, else why not. Never printed. */
    private record Caller(Optional<String> key, String failure) {
        static Caller refused(String failure) {
            return new Caller(Optional.empty(), failure);
        }

        @Override
        public String toString() {
            return "Caller[authenticated=" + key.isPresent() + ", failure=" + failure + "]";
        }
    }
}
