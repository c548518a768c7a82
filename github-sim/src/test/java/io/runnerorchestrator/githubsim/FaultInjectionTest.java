package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FaultInjectionTest {
    private static final String RUNNERS = "/repos/acme/app/actions/runners";

    private GitHubSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimHttp start(int rateLimit) {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app")
                .rateLimit(rateLimit).build());
        return new SimHttp(sim.baseUrl(), "ghp_test");
    }

    @Test
    void exhaustedRateLimitAnswers403WithResetThenRecovers() {
        SimHttp http = start(5000);
        sim.faults().exhaustRateLimit(Duration.ofSeconds(2));

        HttpResponse<String> limited = http.get(RUNNERS);
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(SimHttp.json(limited).path("message").asString()).startsWith("API rate limit exceeded for ");
        assertThat(limited.headers().firstValue("x-ratelimit-remaining")).contains("0");
        long reset = Long.parseLong(limited.headers().firstValue("x-ratelimit-reset").orElseThrow());
        assertThat(Instant.ofEpochSecond(reset)).isAfter(Instant.now());
        assertThat(http.get("/_sim/state").statusCode()).isEqualTo(200);
        assertThat(http.get("/rate_limit").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(RUNNERS).statusCode() == 200);
        assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(reset);
        HttpResponse<String> recovered = http.get(RUNNERS);
        assertThat(Integer.parseInt(recovered.headers().firstValue("x-ratelimit-remaining").orElseThrow()))
                .isGreaterThan(0);
    }

    @Test
    void usingUpThePrimaryLimitIsRefusedUntilTheWindowResets() {
        SimHttp http = start(3);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get(RUNNERS).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = http.get(RUNNERS);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("x-ratelimit-used")).contains("3");
        assertThat(sim.state().requests().counted()).isEqualTo(3);

        sim.faults().clear();
        assertThat(http.get(RUNNERS).statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorsHitTheNextCallsOnly() {
        SimHttp http = start(5000);
        sim.faults().serverErrors(2);
        assertThat(http.get("/_sim/state").statusCode()).isEqualTo(200);
        HttpResponse<String> failed = http.get(RUNNERS);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(SimHttp.json(failed).path("message").asString()).isEqualTo("Server Error");
        assertThat(failed.headers().firstValue("x-ratelimit-remaining")).contains("5000");
        assertThat(http.post(RUNNERS + "/registration-token", "").statusCode()).isEqualTo(502);
        assertThat(http.get(RUNNERS).statusCode()).isEqualTo(200);
        assertThat(sim.state().requests().count("GET /repos/{owner}/{repo}/actions/runners", 502)).isEqualTo(1);
    }

    @Test
    void slowAnswersOutlastAShortClientTimeout() {
        SimHttp http = start(5000);
        sim.faults().slow(Duration.ofSeconds(5), 1);
        assertThatThrownBy(() -> http.send(http.request(RUNNERS).timeout(Duration.ofMillis(300)).GET()))
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
        assertThat(http.send(http.request(RUNNERS).timeout(Duration.ofSeconds(3)).GET()).statusCode()).isEqualTo(200);
    }
}
