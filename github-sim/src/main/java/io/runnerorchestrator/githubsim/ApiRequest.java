package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request, read fully: method, path, query (in order), headers and body. */
record ApiRequest(String method, String path, Map<String, String> query, Headers headers, byte[] body) {

    static ApiRequest read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    parseQuery(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(),
                    in.readAllBytes());
        }
    }

    /** The same request with {@code prefix} (which the server context guarantees) cut from the path. */
    ApiRequest below(String prefix) {
        return prefix.isEmpty() ? this : new ApiRequest(method, path.substring(prefix.length()), query, headers, body);
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String queryParam(String name) {
        return query.get(name);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(decode(key), decode(value));
        }
        return Collections.unmodifiableMap(query);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
