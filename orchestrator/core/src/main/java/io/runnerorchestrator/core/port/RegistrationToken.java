package io.runnerorchestrator.core.port;

import java.time.Instant;

/** A runner registration token (valid one hour). A credential: it is never printed. */
public record RegistrationToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "RegistrationToken[token=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
