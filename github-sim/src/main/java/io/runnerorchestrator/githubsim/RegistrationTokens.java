package io.runnerorchestrator.githubsim;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Registration tokens (valid one hour) and the scope each was issued for. Not thread-safe. */
final class RegistrationTokens {
    static final Duration VALIDITY = Duration.ofHours(1);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new HashMap<>();

    Issued issue(Scope scope, Instant now) {
        Issued token = new Issued(newToken(), scope, now.plus(VALIDITY));
        issued.put(token.token(), token);
        return token;
    }

    /** A remove token: same form, not needed afterwards by any simulated call. */
    Issued issueRemoveToken(Scope scope, Instant now) {
        return new Issued(newToken(), scope, now.plus(VALIDITY));
    }

    Optional<Issued> valid(String token, Instant now) {
        return Optional.ofNullable(issued.get(token)).filter(found -> now.isBefore(found.expiresAt()));
    }

    private String newToken() {
        StringBuilder token = new StringBuilder("A");
        for (int i = 0; i < 28; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    record Issued(String token, Scope scope, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[token=<redacted>, scope=" + scope + ", expiresAt=" + expiresAt + "]";
        }
    }
}
