package io.runnerorchestrator.adapter.github;

import java.time.Duration;

/**
 * One HTTP exchange with GitHub (each retry is its own event).
 *
 * @param endpoint    the path template with the method, e.g. {@code GET /repos/{owner}/{repo}/actions/runners}
 * @param status      HTTP status, or 0 when no answer came (network error, timeout)
 * @param notModified true for a 304 answered from the ETag cache (free of rate-limit cost)
 */
public record GitHubRequestEvent(String endpoint, int status, boolean notModified, Duration duration) {
}
