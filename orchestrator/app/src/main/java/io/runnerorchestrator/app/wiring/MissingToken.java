package io.runnerorchestrator.app.wiring;

import io.runnerorchestrator.adapter.github.GitHubCredentials;
import io.runnerorchestrator.core.port.GitHubException;

import java.net.URI;

/**
 * Credentials for demo mode without GITHUB_TOKEN: every call fails as unauthorized before anything
 * is sent, so the loop pauses and says why instead of asking GitHub anonymously.
 */
final class MissingToken implements GitHubCredentials {

    private final URI apiUrl;

    MissingToken(URI apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public String authorizationHeader() {
        throw new GitHubException(GitHubException.Kind.UNAUTHORIZED, 0,
                "GITHUB_TOKEN is not set: no request sent to " + apiUrl);
    }

    @Override
    public String toString() {
        return "MissingToken[" + apiUrl + "]";
    }
}
