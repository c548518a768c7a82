package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RegistrationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The {@link GitHub} port over GitHub's REST API (JDK HttpClient, Jackson), for one repository or
 * organisation. Thread-safe.
 */
public final class HttpGitHub implements GitHub {

    private static final Logger log = LoggerFactory.getLogger(HttpGitHub.class);

    private final GitHubHttp http;
    private final GitHubEndpoints endpoints;
    private final GitHubJson json;
    private final Pagination pages;
    private final QueuedJobScanner queuedJobs;
    private final JitRegistration jitRegistration;

    public HttpGitHub(GitHubApiSettings settings, GitHubCredentials credentials, GitHubRequestListener listener, Clock clock) {
        this.json = new GitHubJson();
        this.http = new GitHubHttp(GitHubHttp.client(settings), settings, credentials, listener, clock, json.mapper());
        this.endpoints = new GitHubEndpoints(settings.apiUrl(), settings.scope());
        this.pages = new Pagination(http, json);
        this.queuedJobs = new QueuedJobScanner(settings.scope(), endpoints, pages, json, clock);
        this.jitRegistration = new JitRegistration(http, endpoints, json, settings.retry(),
                name -> listRunners().stream().filter(runner -> runner.name().equals(name)).findFirst());
    }

    @Override
    public List<GitHubRunner> listRunners() {
        ApiRequest request = endpoints.listRunners();
        return pages.all(request, "runners").stream().map(node -> runner(request, node)).toList();
    }

    @Override
    public Optional<GitHubRunner> getRunner(long runnerId) {
        ApiRequest request = endpoints.getRunner(runnerId);
        try {
            return Optional.of(runner(request, json.tree(request, http.send(request))));
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<QueuedJob> listQueuedJobs() {
        return queuedJobs.scan().queued();
    }

    @Override
    public QueueScan scanQueue() {
        return queuedJobs.scan();
    }

    @Override
    public JitRunner generateJitConfig(JitRequest jit) {
        return jitRegistration.register(jit);
    }

    @Override
    public RegistrationToken createRegistrationToken() {
        ApiRequest request = endpoints.registrationToken();
        JsonNode answer = json.tree(request, http.send(request));
        String expiresAt = json.text(request, answer, "expires_at");
        try {
            return new RegistrationToken(json.text(request, answer, "token"), Instant.parse(expiresAt));
        } catch (DateTimeParseException e) {
            throw GitHubFailures.unreadable(request, 201, e);
        }
    }

    @Override
    public DeleteResult deleteRunner(long runnerId) {
        try {
            http.send(endpoints.deleteRunner(runnerId));
            log.info("github.runner_deleted runner_id={}", runnerId);
            return DeleteResult.DELETED;
        } catch (GitHubException e) {
            if (e.kind() == GitHubException.Kind.NOT_FOUND) {
                return DeleteResult.NOT_FOUND;
            }
            if (e.status() == 422) {
                log.info("github.runner_delete_refused runner_id={} reason={}", runnerId, e.getMessage());
                return DeleteResult.REFUSED;
            }
            throw e;
        }
    }

    @Override
    public RateLimitStatus rateLimit() {
        return http.rateLimit();
    }

    private GitHubRunner runner(ApiRequest request, JsonNode node) {
        if (!node.isObject()) {
            throw GitHubFailures.unreadable(request, 200, new IllegalStateException("expected a runner object"));
        }
        return json.value(request, node, GitHubWire.Runner.class).toPort();
    }
}
