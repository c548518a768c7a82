package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes an {@link ApiResponse} to an exchange (204 and 304 carry no body, as HTTP wants). */
final class HttpIo {
    private HttpIo() {
    }

    static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        boolean bodyless = response.body() == null || response.status() == 204 || response.status() == 304;
        if (bodyless) {
            exchange.sendResponseHeaders(response.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
