package io.runnerorchestrator.adapter.github;

import java.net.URI;
import java.util.Objects;

/**
 * One REST call to make.
 *
 * @param endpoint GitHub's path template with the method, e.g. {@code GET /repos/{owner}/{repo}/actions/runners}:
 *                 a fixed name for metrics and messages
 * @param uri      the concrete URL, query included
 * @param jsonBody request body, or null
 */
public record ApiRequest(String method, String endpoint, URI uri, String jsonBody) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(uri, "uri");
    }

    public boolean isGet() {
        return "GET".equals(method);
    }

    /** The same endpoint at another URL: the next page of a list. */
    public ApiRequest at(URI other) {
        return new ApiRequest(method, endpoint, other, jsonBody);
    }

    /** Endpoint and concrete path, for messages; the body is left out. */
    public String describe() {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return endpoint + " (" + uri.getRawPath() + query + ")";
    }

    @Override
    public String toString() {
        return "ApiRequest[" + describe() + "]";
    }
}
