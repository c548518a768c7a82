package io.runnerorchestrator.app.api;

import io.runnerorchestrator.core.config.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <API_TOKEN>}. Both sides are hashed before a constant-time
 * compare, so neither the content nor the length of the token leaks through timing.
 */
final class ApiTokenGuard {
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expected;

    ApiTokenGuard(Optional<Secret> apiToken) {
        this.expected = apiToken.map(token -> sha256(token.reveal()));
    }

    /** Throws an {@link ApiProblem}: 403 when no API_TOKEN is configured, 401 when the header is wrong. */
    void check(String authorization) {
        if (expected.isEmpty()) {
            throw ApiProblem.forbidden("this call is disabled because API_TOKEN is not set: set API_TOKEN and send"
                    + " it as Authorization: Bearer <API_TOKEN>");
        }
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.unauthorized("Authorization header is missing: send Authorization: Bearer <API_TOKEN>");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiProblem.unauthorized("Authorization must use the Bearer scheme: Authorization: Bearer <API_TOKEN>");
        }
        byte[] given = sha256(authorization.substring(BEARER.length()).strip());
        if (!MessageDigest.isEqual(given, expected.get())) {
            throw ApiProblem.unauthorized("the bearer token does not match API_TOKEN");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
