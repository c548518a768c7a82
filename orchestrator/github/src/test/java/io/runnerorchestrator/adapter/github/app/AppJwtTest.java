package io.runnerorchestrator.adapter.github.app;

import io.runnerorchestrator.testkit.TestKeys;
import io.runnerorchestrator.testkit.MutableClock;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class AppJwtTest {

    @Test
    void isSignedRs256IssuedAMinuteAgoAndExpiresWithinTenMinutes() {
        KeyPair pair = TestKeys.rsa(2048);
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        AppJwt jwt = new AppJwt("424242", AppPrivateKey.fromPem(TestKeys.pkcs1Pem(pair), "key"), new MutableClock(now));

        String header = jwt.authorizationHeader();
        Jws<Claims> parsed = Jwts.parser().verifyWith(pair.getPublic()).clock(() -> Date.from(now)).build()
                .parseSignedClaims(header.substring("Bearer ".length()));

        assertThat(header).startsWith("Bearer ");
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(parsed.getPayload().getIssuer()).isEqualTo("424242");
        assertThat(parsed.getPayload().getIssuedAt().toInstant()).isEqualTo(now.minusSeconds(60));
        assertThat(parsed.getPayload().getExpiration().toInstant()).isEqualTo(now.plusSeconds(9 * 60));
        assertThat(jwt.toString()).doesNotContain(header.substring(7, 30));
    }
}
