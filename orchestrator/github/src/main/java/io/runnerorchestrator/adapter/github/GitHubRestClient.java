package io.runnerorchestrator.adapter.github;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Single REST calls outside the {@link io.runnerorchestrator.core.port.GitHub} port (GitHub App
 * sign-in), with the same manners as {@link HttpGitHub}: GitHub's headers, retries, rate-limit
 * waits, typed errors naming the endpoint, and every exchange reported to the listener.
 */
public final class GitHubRestClient {

    private final GitHubHttp http;
    private final GitHubJson json = new GitHubJson();
    private final String apiUrl;

    public GitHubRestClient(GitHubApiSettings settings, GitHubCredentials credentials, GitHubRequestListener listener,
                            Clock clock) {
        this.http = new GitHubHttp(GitHubHttp.client(settings), settings, credentials, listener, clock, json.mapper());
        this.apiUrl = settings.apiUrl().toString();
    }

    /**
     * @param endpoint GitHub's path template, for metrics and messages: {@code /orgs/{org}/installation}
     * @param path     the concrete path below the API URL, starting with {@code /}
     */
    public JsonNode get(String endpoint, String path) {
        return call("GET", endpoint, path);
    }

    /** A POST without a body; see {@link #get}. */
    public JsonNode post(String endpoint, String path) {
        return call("POST", endpoint, path);
    }

    private JsonNode call(String method, String endpoint, String path) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
        }
        ApiRequest request = new ApiRequest(method, method + " " + endpoint, URI.create(apiUrl + path), null);
        return json.tree(request, http.send(request));
    }
}
