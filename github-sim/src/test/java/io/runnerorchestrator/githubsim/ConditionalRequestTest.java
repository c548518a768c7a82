package io.runnerorchestrator.githubsim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalRequestTest {
    private static final String RUNNERS = "GET /repos/{owner}/{repo}/actions/runners";

    private GitHubSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = GitHubSimulator.start(SimConfig.builder().token("ghp_test").repository("acme/app").build());
        http = new SimHttp(sim.baseUrl(), "ghp_test");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void matchingEtagAnswers304WithoutCountingAgainstTheLimit() {
        HttpResponse<String> first = http.get("/repos/acme/app/actions/runners");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        int remaining = remaining(first);

        HttpResponse<String> again = http.get("/repos/acme/app/actions/runners", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(remaining(again)).isEqualTo(remaining);
        assertThat(again.headers().firstValue("ETag")).contains(etag);

        SimState.Requests requests = sim.state().requests();
        assertThat(requests.total()).isEqualTo(2);
        assertThat(requests.counted()).isEqualTo(1);
        assertThat(requests.notModified()).isEqualTo(1);
        assertThat(requests.count(RUNNERS)).isEqualTo(2);
        assertThat(requests.count(RUNNERS, 304)).isEqualTo(1);
    }

    @Test
    void changedListGetsNewEtagAndFullAnswer() {
        String etag = http.get("/repos/acme/app/actions/runners").headers().firstValue("ETag").orElseThrow();
        http.generateJit("/repos/acme/app", "new-runner", "linux");
        HttpResponse<String> changed = http.get("/repos/acme/app/actions/runners", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(changed.body()).contains("new-runner");
    }

    @Test
    void everyAnswerCarriesRateLimitHeadersAndRateLimitEndpointIsFree() {
        HttpResponse<String> answer = http.get("/repos/acme/app/actions/runs");
        assertThat(answer.headers().firstValue("x-ratelimit-limit")).contains("5000");
        assertThat(answer.headers().firstValue("x-ratelimit-remaining")).contains("4999");
        assertThat(answer.headers().firstValue("x-ratelimit-used")).contains("1");
        assertThat(answer.headers().firstValue("x-ratelimit-resource")).contains("core");
        assertThat(answer.headers().firstValue("x-ratelimit-reset")).isPresent();

        HttpResponse<String> rateLimit = http.get("/rate_limit");
        assertThat(rateLimit.statusCode()).isEqualTo(200);
        assertThat(SimHttp.json(rateLimit).path("resources").path("core").path("remaining").asInt()).isEqualTo(4999);
        assertThat(remaining(http.get("/rate_limit"))).isEqualTo(4999);
        assertThat(sim.state().requests().counted()).isEqualTo(1);
    }

    private static int remaining(HttpResponse<String> response) {
        return Integer.parseInt(response.headers().firstValue("x-ratelimit-remaining").orElseThrow());
    }
}
