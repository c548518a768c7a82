package io.runnerorchestrator.adapter.github;

/**
 * A successful answer. On a 304 the body and Link header are the cached ones of the earlier 200.
 *
 * @param link the raw {@code Link} header, or null
 */
record GitHubResponse(int status, String body, String link, boolean notModified) {
}
