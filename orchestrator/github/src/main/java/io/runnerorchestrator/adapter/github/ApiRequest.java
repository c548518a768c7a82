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
 * @param idempotent whether sending it twice does no harm; when false, a lost answer (timeout, network
 *                   error, 5xx) is never retried blindly: the caller must find out what happened
 */
public record ApiRequest(String method, String endpoint, URI uri, String jsonBody, boolean idempotent) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(uri, "uri");
    }

    /** An idempotent call. */
    public ApiRequest(String method, String endpoint, URI uri, String jsonBody) {
        this(method, endpoint, uri, jsonBody, true);
    }

    /** The same call, marked as one that must not be sent again after a lost answer. */
    public ApiRequest notIdempotent() {
        return new ApiRequest(method, endpoint, uri, jsonBody, false);
    }

    public boolean isGet() {
        return "GET".equals(method);
    }

    /** The same endpoint at another URL: the next page of a list. */
    public ApiRequest at(URI other) {
        return new ApiRequest(method, endpoint, other, jsonBody, idempotent);
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
