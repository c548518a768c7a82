package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubScope;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the client talks to GitHub. Holds no secret, so it may be printed.
 *
 * @param apiUrl         {@code https://api.github.com}, or {@code https://host/api/v3} for GitHub
 *                       Enterprise Server, or the simulator's URL
 * @param connectTimeout TCP/TLS connect limit
 * @param requestTimeout limit for one answer to arrive, per attempt
 */
public record GitHubApiSettings(URI apiUrl, GitHubScope scope, String userAgent, Duration connectTimeout,
                                Duration requestTimeout, RetryPolicy retry) {

    public GitHubApiSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(retry, "retry");
        boolean http = "https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme());
        if (!http || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("GitHub API URL must be http(s)://host[/path], got '" + apiUrl + "'");
        }
        if (apiUrl.getRawQuery() != null || apiUrl.getRawFragment() != null || apiUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("GitHub API URL must carry no query, fragment or user info, got '" + apiUrl + "'");
        }
        // paths are appended as "/repos/...": a trailing slash would double up
        apiUrl = URI.create(apiUrl.toString().replaceAll("/+$", ""));
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("GitHub User-Agent must not be empty (GitHub rejects requests without one)");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
    }

    /** Sensible defaults: 5 s to connect, 30 s per answer, {@link RetryPolicy#DEFAULT}. */
    public static GitHubApiSettings defaults(URI apiUrl, GitHubScope scope) {
        return new GitHubApiSettings(apiUrl, scope, "runner-orchestrator", Duration.ofSeconds(5),
                Duration.ofSeconds(30), RetryPolicy.DEFAULT);
    }

    public GitHubApiSettings withRetry(RetryPolicy policy) {
        return new GitHubApiSettings(apiUrl, scope, userAgent, connectTimeout, requestTimeout, policy);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("GitHub " + name + " must be positive, got " + value);
        }
    }
}
