package io.runnerorchestrator.adapter.github.app;

import io.jsonwebtoken.Jwts;
import io.runnerorchestrator.adapter.github.GitHubCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The app's own credentials: a JWT signed RS256 with its private key, fresh for every request (they
 * are few: an installation lookup and one token an hour). Never printed.
 */
final class AppJwt implements GitHubCredentials {

    /** GitHub's advice: issued a minute in the past, against clock drift. */
    static final Duration BACKDATE = Duration.ofSeconds(60);
    /** From the backdated iat, so exp is 9 minutes ahead: inside GitHub's 10-minute limit even with drift. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final String appId;
    private final AppPrivateKey key;
    private final Clock clock;

    AppJwt(String appId, AppPrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public String authorizationHeader() {
        Instant issuedAt = clock.instant().minus(BACKDATE);
        String jwt = Jwts.builder()
                .issuer(appId)
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(LIFETIME)))
                .signWith(key.rsa(), Jwts.SIG.RS256)
                .compact();
        return "Bearer " + jwt;
    }

    @Override
    public String toString() {
        return "AppJwt[app=" + appId + ", <redacted>]";
    }
}
