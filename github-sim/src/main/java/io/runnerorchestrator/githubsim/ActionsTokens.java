package io.runnerorchestrator.githubsim;

import io.jsonwebtoken.Jwts;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin tokens of the Actions service: JWTs (a scaler reads their {@code exp} to renew in time),
 * each good for one scope for an hour, or until {@link #expireAll()}.
 */
final class ActionsTokens {
    static final Duration LIFETIME = Duration.ofHours(1);

    private final SecretKey key = Jwts.SIG.HS256.key().build();
    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    ActionsTokens(Clock clock) {
        this.clock = clock;
    }

    private record Grant(Scope scope, Instant expiresAt) {
    }

    String issue(Scope scope) {
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        String token = Jwts.builder().subject(scope.webPath()).issuedAt(Date.from(now)).expiration(Date.from(expires))
                .id(java.util.UUID.randomUUID().toString()).signWith(key).compact();
        grants.put(token, new Grant(scope, expires));
        return token;
    }

    /** The scope a valid admin token stands for. */
    Optional<Scope> scopeOf(String token) {
        Grant grant = grants.get(token);
        return grant == null || !clock.instant().isBefore(grant.expiresAt()) ? Optional.empty() : Optional.of(grant.scope());
    }

    /** Every admin token stops working (a fault: the scaler must get a new one). */
    int expireAll() {
        int count = grants.size();
        grants.clear();
        return count;
    }
}
