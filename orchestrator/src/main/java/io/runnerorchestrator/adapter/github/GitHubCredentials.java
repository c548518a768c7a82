package io.runnerorchestrator.adapter.github;

/**
 * How requests prove who they come from. An interface because a GitHub App installation token
 * (refreshed hourly) will join the personal access token; implementations never print the secret.
 */
@FunctionalInterface
public interface GitHubCredentials {

    /** The full value of the {@code Authorization} header, e.g. {@code Bearer <token>}. */
    String authorizationHeader();
}
