package io.runnerorchestrator.adapter.github.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An installation access token ({@code ghs_...}) and when GitHub lets it expire. Never printed. */
record InstallationToken(String token, Instant expiresAt) {

    InstallationToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Time to fetch the next one: within {@code margin} of the expiry, or past it. */
    boolean dueAt(Instant now, Duration margin) {
        return !now.isBefore(expiresAt.minus(margin));
    }

    boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    String authorizationHeader() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "InstallationToken[<redacted>, expiresAt=" + expiresAt + "]";
    }
}
