package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.RateLimitStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one REST call with GitHub's headers and the client's manners: conditional GETs from the
 * ETag cache, retries of 5xx and network errors with jittered backoff, waiting out rate limits up
 * to {@link RetryPolicy#maxRateLimitWait()}, and mutating calls within GitHub's secondary limits
 * ({@link MutationGate}). A call that is not idempotent is never retried after a lost answer
 * (see {@link JitRegistration}). Every exchange is reported to the listener.
 */
final class GitHubHttp {

    static final String API_VERSION = "2022-11-28";
    static final int ETAG_CACHE_CAPACITY = 4096;
    /** 16 Mi characters (32 MiB of heap at most) of cached bodies. */
    static final long ETAG_CACHE_CHARS = 16L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(GitHubHttp.class);

    private final HttpClient client;
    private final GitHubApiSettings settings;
    private final GitHubCredentials credentials;
    private final GitHubRequestListener listener;
    private final Clock clock;
    private final JsonMapper json;
    private final EtagCache etags = new EtagCache(ETAG_CACHE_CAPACITY, ETAG_CACHE_CHARS);
    private final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>(RateLimitStatus.UNKNOWN);
    private final MutationGate mutations = new MutationGate();
    private final OutageBackoff outage;

    GitHubHttp(HttpClient client, GitHubApiSettings settings, GitHubCredentials credentials,
               GitHubRequestListener listener, Clock clock, JsonMapper json) {
        this.client = client;
        this.settings = settings;
        this.credentials = credentials;
        this.listener = listener;
        this.clock = clock;
        this.json = json;
        this.outage = new OutageBackoff(clock);
    }

    /**
     * A 2xx answer (a 304 is served from the cache), or a {@link GitHubException} after retries; at once
     * while GitHub keeps failing ({@link OutageBackoff}).
     */
    GitHubResponse send(ApiRequest request) {
        Optional<Instant> held = outage.heldUntil();
        if (held.isPresent()) {
            throw GitHubFailures.heldBack(request, held.get(), outage.consecutiveFailures());
        }
        try {
            GitHubResponse response = sendInTurn(request);
            outage.answered();
            return response;
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.NETWORK || e.status() >= 500) {
                Instant until = outage.failed();
                log.warn("github.outage endpoint={} consecutive_failures={} held_until={}", request.endpoint(),
                        outage.consecutiveFailures(), until);
            } else {
                outage.answered();
            }
            throw e;
        }
    }

    private GitHubResponse sendInTurn(ApiRequest request) {
        if (request.isGet()) {
            return sendWithRetries(request);
        }
        return mutations.pass(() -> sendWithRetries(request));
    }

    RateLimitStatus rateLimit() {
        return rateLimit.get();
    }

    /** The JDK client for these settings; redirects are not followed (see {@link GitHubFailures}). */
    static HttpClient client(GitHubApiSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // HTTP/2 only where it is negotiated over TLS; plain http (the simulator) stays on 1.1 without h2c upgrade
                .version("https".equals(settings.apiUrl().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private GitHubResponse sendWithRetries(ApiRequest request) {
        for (int attempt = 1; ; attempt++) {
            Optional<EtagCache.Entry> cached = request.isGet() ? etags.get(request.uri()) : Optional.empty();
            String authorization = credentials.authorizationHeader();
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = client.send(build(request, authorization, cached), BoundedBody.handler());
            } catch (IOException e) {
                if (BoundedBody.tooLarge(e)) {
                    report(request, 0, false, started);
                    throw GitHubFailures.tooLarge(request, BoundedBody.MAX_BYTES);
                }
                report(request, 0, false, started);
                if (attempt >= settings.retry().maxAttempts() || !request.idempotent()) {
                    throw GitHubFailures.network(request, e, attempt);
                }
                pause(request, backoff(attempt), attempt, "network");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GitHubFailures.interrupted(request, e);
            }
            int status = response.statusCode();
            boolean notModified = status == 304 && cached.isPresent();
            report(request, status, notModified, started);
            RateLimitSignals.status(response.headers()).ifPresent(rateLimit::set);
            if (notModified) {
                return new GitHubResponse(200, cached.get().body(), cached.get().link(), true);
            }
            if (status >= 200 && status < 300) {
                return remember(request, response);
            }
            if (status == 401) {
                credentials.rejected(authorization);
            }
            pause(request, waitBeforeRetry(request, response, attempt), attempt, String.valueOf(status));
        }
    }

    private HttpRequest build(ApiRequest request, String authorization, Optional<EtagCache.Entry> cached) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(settings.requestTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", settings.userAgent())
                .header("Authorization", authorization);
        cached.ifPresent(entry -> builder.header("If-None-Match", entry.etag()));
        if (request.jsonBody() == null) {
            return builder.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.jsonBody()))
                .build();
    }

    private GitHubResponse remember(ApiRequest request, HttpResponse<String> response) {
        String link = response.headers().firstValue("link").orElse(null);
        Optional<String> etag = response.headers().firstValue("etag");
        if (request.isGet() && etag.isPresent()) {
            etags.put(request.uri(), new EtagCache.Entry(etag.get(), response.body(), link));
        }
        return new GitHubResponse(response.statusCode(), response.body(), link, false);
    }

    /** How long to wait before the next attempt; throws when this answer is final. */
    private Duration waitBeforeRetry(ApiRequest request, HttpResponse<String> response, int attempt) {
        int status = response.statusCode();
        String reason = GitHubFailures.reason(json, status, response.body());
        boolean attemptsLeft = attempt < settings.retry().maxAttempts();
        Instant now = clock.instant();
        Optional<Instant> retryAt = RateLimitSignals.retryAt(status, response.headers(), reason, now, attempt);
        if (retryAt.isPresent()) {
            Duration wait = Duration.between(now, retryAt.get());
            Duration maxWait = settings.retry().maxRateLimitWait();
            if (wait.compareTo(maxWait) > 0) {
                throw GitHubFailures.rateLimited(request, status, retryAt.get(),
                        "waiting " + wait.toSeconds() + " s is longer than the allowed " + maxWait.toSeconds() + " s");
            }
            if (!attemptsLeft) {
                throw GitHubFailures.rateLimited(request, status, retryAt.get(), "still limited after " + attempt + " attempts");
            }
            log.warn("github.rate_limited endpoint={} status={} wait_ms={} retry_at={}",
                    request.endpoint(), status, wait.toMillis(), retryAt.get());
            return wait;
        }
        if (status >= 500 && attemptsLeft && request.idempotent()) {
            return backoff(attempt);
        }
        throw GitHubFailures.answer(request, status, reason, attempt);
    }

    private Duration backoff(int attempt) {
        return settings.retry().backoff(attempt, ThreadLocalRandom.current().nextDouble());
    }

    private void pause(ApiRequest request, Duration wait, int attempt, String cause) {
        log.info("github.retry endpoint={} attempt={} cause={} wait_ms={}", request.endpoint(), attempt, cause, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GitHubFailures.interrupted(request, e);
        }
    }

    private void report(ApiRequest request, int status, boolean notModified, long startedNanos) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
        log.debug("github.request endpoint={} status={} not_modified={} duration_ms={}",
                request.endpoint(), status, notModified, duration.toMillis());
        try {
            listener.requestCompleted(new GitHubRequestEvent(request.endpoint(), status, notModified, duration));
        } catch (RuntimeException e) {
            log.warn("github.listener_failed endpoint={} error={}", request.endpoint(), e.toString());
        }
    }
}
