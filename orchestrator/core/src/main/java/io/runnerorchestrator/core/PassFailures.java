package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.RunnerBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a failed pass into the {@link ReconcileProblem} the status shows, and remembers the ones that
 * must keep GitHub quiet for a while: a 401 (asking again and again with bad credentials can get a
 * client blocked) and a rate limit (until it resets). Used from the reconcile thread only.
 */
final class PassFailures {
    private static final Logger log = LoggerFactory.getLogger(PassFailures.class);

    private final Duration unauthorizedRetry;
    private final Duration pollInterval;
    private Instant quietUntil = Instant.MIN;
    private ReconcileProblem quietBecause;

    PassFailures(Duration unauthorizedRetry, Duration pollInterval) {
        this.unauthorizedRetry = unauthorizedRetry;
        this.pollInterval = pollInterval;
    }

    /** The problem that keeps this pass from calling GitHub at all, if any. */
    Optional<ReconcileProblem> quietAt(Instant now) {
        return now.isBefore(quietUntil) ? Optional.of(quietBecause) : Optional.empty();
    }

    ReconcileProblem record(RunnerBackendException e) {
        log.warn("reconcile.backend_failed error={} action=skip_pass", e.getMessage());
        return new ReconcileProblem(ReconcileProblem.Kind.BACKEND_UNAVAILABLE, e.getMessage(), Optional.empty());
    }

    ReconcileProblem record(GitHubException e, Instant now) {
        ReconcileProblem problem = switch (e.kind()) {
            case UNAUTHORIZED -> new ReconcileProblem(ReconcileProblem.Kind.GITHUB_UNAUTHORIZED, e.getMessage(),
                    Optional.of(now.plus(unauthorizedRetry)));
            case RATE_LIMITED -> new ReconcileProblem(ReconcileProblem.Kind.GITHUB_RATE_LIMITED, e.getMessage(),
                    Optional.of(e.retryAt().orElse(now.plus(pollInterval))));
            default -> new ReconcileProblem(ReconcileProblem.Kind.GITHUB_UNREACHABLE, e.getMessage(), Optional.empty());
        };
        problem.until().ifPresent(until -> {
            quietUntil = until;
            quietBecause = problem;
        });
        String retryAt = problem.until().map(Instant::toString).orElse("next_poll");
        if (e.kind() == GitHubException.Kind.UNAUTHORIZED) {
            log.error("github.unauthorized status={} error={} action=pause_provisioning retry_at={}", e.status(),
                    e.getMessage(), retryAt);
        } else {
            log.warn("github.failed kind={} status={} error={} action=skip_pass retry_at={}", e.kind(), e.status(),
                    e.getMessage(), retryAt);
        }
        return problem;
    }
}
