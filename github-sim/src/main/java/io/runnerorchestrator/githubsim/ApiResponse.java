package io.runnerorchestrator.githubsim;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer to write: status, JSON body (null for none) and extra headers. */
record ApiResponse(int status, String body, Map<String, String> headers) {
    static final String DOCUMENTATION_URL = "https://docs.github.com/rest";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Json.write(body), Map.of());
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    static ApiResponse error(int status, String message) {
        return json(status, Json.object().put("message", message).put("documentation_url", DOCUMENTATION_URL));
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, more);
    }

    ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putAll(extra);
        return new ApiResponse(status, body, more);
    }
}
