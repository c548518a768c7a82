package io.runnerorchestrator.githubsim;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubAppAuthTest {
    private static final String APP_ID = "424242";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final KeyPair appKey = rsaKeyPair();
    private GitHubSimulator sim;
    private SimHttp anonymous;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app").clock(clock)
                .githubApp(APP_ID, appKey.getPublic()).build());
        anonymous = new SimHttp(sim.baseUrl(), null);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void appJwtFindsTheInstallationAndItsTokenWorksLikeAPatForOneHour() {
        SimHttp asApp = anonymous.withToken(jwt(appKey.getPrivate(), APP_ID, Duration.ofMinutes(9)));
        JsonNode installation = SimHttp.json(asApp.get("/repos/acme/app/installation"));
        assertThat(installation.path("account").path("login").asString()).isEqualTo("acme");
        assertThat(SimHttp.json(asApp.get("/orgs/acme/installation")).path("id").asLong())
                .isEqualTo(installation.path("id").asLong());

        HttpResponse<String> created = asApp.post(installation.path("access_tokens_url").asString(), "");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = SimHttp.json(created);
        assertThat(token.path("token").asString()).startsWith("ghs_");
        assertThat(Instant.parse(token.path("expires_at").asString()))
                .isAfter(clock.instant().plus(Duration.ofMinutes(59)));

        SimHttp asInstallation = anonymous.withToken(token.path("token").asString());
        assertThat(asInstallation.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(asInstallation.get("/repos/acme/app/actions/runners").statusCode()).isEqualTo(401);
    }

    @Test
    void badJwtsAndWrongCredentialsAreRefused() {
        String path = "/repos/acme/app/installation";
        assertThat(message(anonymous.withToken("ghp_test").get(path))).isEqualTo("A JSON web token could not be decoded");
        assertThat(message(anonymous.withToken(jwt(rsaKeyPair().getPrivate(), APP_ID, Duration.ofMinutes(5))).get(path)))
                .isEqualTo("A JSON web token could not be decoded");
        assertThat(message(anonymous.withToken(jwt(appKey.getPrivate(), APP_ID, Duration.ofMinutes(30))).get(path)))
                .contains("too far in the future");
        assertThat(message(anonymous.withToken(jwt(appKey.getPrivate(), "999", Duration.ofMinutes(5))).get(path)))
                .contains("'Issuer' claim");
        String expiring = jwt(appKey.getPrivate(), APP_ID, Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(10));
        assertThat(message(anonymous.withToken(expiring).get(path))).contains("'Expiration time' claim");
        String fresh = jwt(appKey.getPrivate(), APP_ID, Duration.ofMinutes(5));
        assertThat(message(anonymous.withToken(fresh).get("/repos/acme/app/actions/runners"))).isEqualTo("Bad credentials");
        assertThat(anonymous.withToken(fresh).post("/app/installations/1/access_tokens", "").statusCode()).isEqualTo(404);
    }

    private String jwt(PrivateKey key, String issuer, Duration lifetime) {
        Instant issuedAt = clock.instant().minusSeconds(30);
        return Jwts.builder().issuer(issuer).issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(lifetime))).signWith(key).compact();
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).isIn(401, 404);
        return SimHttp.json(response).path("message").asString();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
