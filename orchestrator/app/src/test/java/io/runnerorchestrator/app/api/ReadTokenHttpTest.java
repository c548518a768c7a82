package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.dashboard.EventsController;
import io.runnerorchestrator.app.webhook.WebhookController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Import;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static io.runnerorchestrator.app.api.ApiAccessHttpTest.assertProblem;
import static io.runnerorchestrator.app.api.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With API_READ_TOKEN set: status, runners, events and the dashboard need it (or API_TOKEN), as a
 * bearer token or the dashboard's cookie; health and the webhook stay open. Nothing is started.
 */
@Import(ReadTokenHttpTest.Beans.class)
class ReadTokenHttpTest extends OrchestratorHttpTest {

    static final String READ_TOKEN = "read-token-that-must-never-be-logged";

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.put("API_READ_TOKEN", READ_TOKEN);
        }

        @Override
        protected String instancePrefix() {
            return "api-read";
        }
    }

    /** No redirects followed: the sign-in's 303 and its cookie are what is checked. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/status", "/api/v1/runners"})
    void readingNeedsTheReadTokenOrTheApiToken(String path) {
        assertProblem(api.get(path), 401, "API_READ_TOKEN is set");
        assertProblem(api.get(path, bearer("wrong")), 401, "API_READ_TOKEN is set");
        assertThat(api.get(path, bearer(READ_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(api.get(path, bearer(OrchestratorUnderTest.API_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(api.get(path).body()).doesNotContain(READ_TOKEN);
    }

    @Test
    void theEventStreamNeedsItToo() throws Exception {
        assertThat(send(request(EventsController.PATH).GET().build()).statusCode()).isEqualTo(401);
        HttpResponse<java.io.InputStream> open = http.send(request(EventsController.PATH)
                .header("Authorization", "Bearer " + READ_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var body = open.body()) {
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
        }
    }

    @Test
    void healthAndTheWebhookStayOpen() throws Exception {
        assertThat(api.get("/api/v1/health").statusCode()).isIn(200, 503);
        byte[] body = "{\"zen\":\"open\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> delivery = send(request(WebhookController.PATH)
                .header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "read-token-test")
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(OrchestratorUnderTest.WEBHOOK_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(202);
    }

    @Test
    void theDashboardAsksForTheTokenAndKeepsACookieThatOnlyReads() throws Exception {
        HttpResponse<String> page = send(request("/").GET().build());
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("needs API_READ_TOKEN").contains("<form");

        HttpResponse<String> wrong = send(signIn("not-it"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("matches neither");

        HttpResponse<String> signedIn = send(signIn(READ_TOKEN));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(ReadAccess.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain(READ_TOKEN);
        String pair = cookie.substring(0, cookie.indexOf(';'));

        assertThat(send(request("/dashboard").header("Cookie", pair).GET().build()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/v1/status").header("Cookie", pair).GET().build()).statusCode()).isEqualTo(200);
        assertProblem(send(request("/api/v1/runners/scale-up").header("Cookie", pair)
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 401, "Authorization header is missing");
    }

    private HttpRequest signIn(String token) {
        return request("/dashboard/sign-in").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
