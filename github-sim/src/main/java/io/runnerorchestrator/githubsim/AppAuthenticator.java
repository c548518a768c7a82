package io.runnerorchestrator.githubsim;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub App authentication: checks app JWTs (RS256, iat and exp at most ten minutes apart, known
 * issuer) and issues installation tokens valid one hour, which then act like PATs.
 */
final class AppAuthenticator {
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
    private static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(10);
    private static final long CLOCK_SKEW_SECONDS = 60;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final GitHubAppConfig app;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> installationTokens = new HashMap<>();

    AppAuthenticator(GitHubAppConfig app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    /** The rate-limit key of a valid app JWT; 401 with GitHub's wording otherwise. */
    String verifyJwt(String jwt) {
        if (app == null) {
            throw new ApiException(401, "A JSON web token could not be decoded");
        }
        Claims claims;
        try {
            claims = Jwts.parser().verifyWith(app.publicKey())
                    .clock(() -> Date.from(clock.instant()))
                    .clockSkewSeconds(CLOCK_SKEW_SECONDS)
                    .build()
                    .parseSignedClaims(jwt)
                    .getPayload();
        } catch (ExpiredJwtException e) {
            throw new ApiException(401, "'Expiration time' claim ('exp') must be a numeric value representing "
                    + "the future time at which the assertion expires");
        } catch (JwtException | IllegalArgumentException e) {
            throw new ApiException(401, "A JSON web token could not be decoded");
        }
        if (claims.getIssuedAt() == null || claims.getExpiration() == null) {
            throw new ApiException(401, "'Issued at' and 'Expiration time' claims are required");
        }
        Duration lifetime = Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
        if (lifetime.compareTo(MAX_JWT_LIFETIME.plusSeconds(CLOCK_SKEW_SECONDS)) > 0) {
            throw new ApiException(401, "'Expiration time' claim ('exp') is too far in the future");
        }
        if (!app.issuer().equals(claims.getIssuer())) {
            throw new ApiException(401, "'Issuer' claim ('iss') does not name this GitHub App");
        }
        return "app:" + app.issuer();
    }

    synchronized Issued issueInstallationToken() {
        StringBuilder token = new StringBuilder("ghs_");
        for (int i = 0; i < 36; i++) {
            token.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        Issued issued = new Issued(token.toString(), clock.instant().plus(TOKEN_VALIDITY));
        installationTokens.put(issued.token(), issued.expiresAt());
        return issued;
    }

    synchronized boolean validInstallationToken(String token) {
        Instant expiresAt = installationTokens.get(token);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }
}
