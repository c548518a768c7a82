package io.runnerorchestrator.adapter.github;

/**
 * How requests prove who they come from: a personal access token, or a GitHub App installation
 * token refreshed before it expires. Implementations never print the secret.
 */
@FunctionalInterface
public interface GitHubCredentials {

    /** The full value of the {@code Authorization} header, e.g. {@code Bearer <token>}. */
    String authorizationHeader();

    /**
     * GitHub answered 401 to a request sent with this header, so credentials that can be renewed
     * should stop using it. Nothing to do for a fixed token.
     */
    default void rejected(String authorizationHeader) {
    }
}
