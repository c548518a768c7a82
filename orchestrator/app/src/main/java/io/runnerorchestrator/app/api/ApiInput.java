package io.runnerorchestrator.app.api;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads and checks what callers send; anything wrong becomes a 400 (or 413) naming the culprit. */
final class ApiInput {
    /** Bodies are one small JSON object: anything bigger is a mistake or an attack. */
    static final int MAX_BODY_BYTES = 1024;
    static final int MAX_TAIL = 10_000;
    static final int DEFAULT_TAIL = 100;

    private ApiInput() {
    }

    static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw ApiProblem.tooLarge(MAX_BODY_BYTES);
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw ApiProblem.tooLarge(MAX_BODY_BYTES);
        }
        return body;
    }

    /** {@code {"count": n}} with 1 <= n <= max; an empty body or no count means 1. */
    static int count(byte[] body, ObjectMapper json, int max) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return 1;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("request body is not valid JSON: send {\"count\": n} or no body");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("request body must be a JSON object like {\"count\": 2}");
        }
        for (String name : root.propertyNames()) {
            if (!name.equals("count")) {
                throw ApiProblem.badRequest("unknown field '" + name + "': only count is accepted");
            }
        }
        JsonNode count = root.path("count");
        if (count.isMissingNode()) {
            return 1;
        }
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1 || count.intValue() > max) {
            throw ApiProblem.badRequest("count must be a whole number from 1 to " + max + " (MAX_RUNNERS), got "
                    + shorten(count.toString()));
        }
        return count.intValue();
    }

    static int tail(String tail) {
        if (tail == null) {
            return DEFAULT_TAIL;
        }
        try {
            int lines = Integer.parseInt(tail.strip());
            if (lines >= 1 && lines <= MAX_TAIL) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the value.
        }
        throw ApiProblem.badRequest("tail must be a whole number from 1 to " + MAX_TAIL + ", got '" + shorten(tail) + "'");
    }

    static boolean force(String force) {
        if (force == null || force.equalsIgnoreCase("false")) {
            return false;
        }
        if (force.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiProblem.badRequest("force must be true or false, got '" + shorten(force) + "'");
    }

    /** Echoes at most a few characters of what the caller sent, so an answer never grows with the input. */
    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
