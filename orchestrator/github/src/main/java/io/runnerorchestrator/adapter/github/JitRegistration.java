package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The non-idempotent {@code generate-jitconfig} POST, never retried blindly. When its answer is lost
 * (timeout, network error, 5xx) GitHub may have registered the runner anyway, and only that answer
 * holds its JIT config: so the runner is looked up by name first, a registration found is deleted
 * (it could never be started), and only then is the POST sent again, up to the retry policy's
 * attempts. A registration that GitHub makes after the look-up is an orphan the next pass removes.
 */
final class JitRegistration {

    private static final Logger log = LoggerFactory.getLogger(JitRegistration.class);

    private final GitHubHttp http;
    private final GitHubEndpoints endpoints;
    private final GitHubJson json;
    private final RetryPolicy retry;
    private final Function<String, Optional<GitHubRunner>> findByName;

    JitRegistration(GitHubHttp http, GitHubEndpoints endpoints, GitHubJson json, RetryPolicy retry,
                    Function<String, Optional<GitHubRunner>> findByName) {
        this.http = http;
        this.endpoints = endpoints;
        this.json = json;
        this.retry = retry;
        this.findByName = findByName;
    }

    JitRunner register(JitRequest jit) {
        String body = json.write(new GitHubWire.JitConfigRequest(jit.name(), jit.runnerGroupId(), jit.labels(),
                jit.workFolder()));
        ApiRequest request = endpoints.generateJitConfig(body);
        for (int attempt = 1; ; attempt++) {
            try {
                JsonNode answer = json.tree(request, http.send(request));
                GitHubRunner runner = runner(request, answer.path("runner"));
                log.info("github.jit_registered runner={} runner_id={} attempt={}", runner.name(), runner.id(),
                        attempt);
                return new JitRunner(runner, json.text(request, answer, "encoded_jit_config"));
            } catch (GitHubException e) {
                if (!answerLost(e)) {
                    throw e;
                }
                log.warn("github.jit_answer_lost runner={} attempt={} error={} action=look_up_by_name", jit.name(),
                        attempt, e.getMessage());
                try {
                    removeUnusable(jit.name());
                } catch (GitHubException lookup) {
                    // Without knowing, sending again could register twice; an orphan is removed by a later pass.
                    log.warn("github.jit_lookup_failed runner={} error={} action=leave_to_orphan_cleanup", jit.name(),
                            lookup.getMessage());
                    throw e;
                }
                if (attempt >= retry.maxAttempts()) {
                    throw e;
                }
                pause(request, attempt);
            }
        }
    }

    /** A timeout, network error or 5xx: GitHub may or may not have registered the runner. */
    private static boolean answerLost(GitHubException e) {
        return e.kind() == GitHubException.Kind.NETWORK
                || (e.kind() == GitHubException.Kind.SERVER_ERROR && e.status() >= 500);
    }

    /** A registration made by a POST whose answer was lost holds a JIT config we never saw: delete it. */
    private void removeUnusable(String name) {
        Optional<GitHubRunner> registered = findByName.apply(name);
        if (registered.isEmpty()) {
            log.info("github.jit_lookup runner={} found=false action=register_again", name);
            return;
        }
        long id = registered.get().id();
        try {
            http.send(endpoints.deleteRunner(id));
        } catch (GitHubException e) {
            if (e.kind() != GitHubException.Kind.NOT_FOUND) {
                throw e;
            }
        }
        log.info("github.jit_lookup runner={} found=true runner_id={} action=deleted_unusable_registration", name, id);
    }

    private void pause(ApiRequest request, int attempt) {
        try {
            Thread.sleep(retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GitHubFailures.interrupted(request, e);
        }
    }

    private GitHubRunner runner(ApiRequest request, JsonNode node) {
        if (!node.isObject()) {
            throw GitHubFailures.unreadable(request, 201, new IllegalStateException("expected a runner object"));
        }
        return json.value(request, node, GitHubWire.Runner.class).toPort();
    }
}
