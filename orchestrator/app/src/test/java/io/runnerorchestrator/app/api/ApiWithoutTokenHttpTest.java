package io.runnerorchestrator.app.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.runnerorchestrator.app.api.ApiAccessHttpTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without API_TOKEN the mutating calls and logs are off: 403 saying to set it; reading stays open; the
 * status warns of it (and of the Docker socket given to runners).
 */
@Import(ApiWithoutTokenHttpTest.Beans.class)
class ApiWithoutTokenHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.remove("API_TOKEN");
            // MIN_RUNNERS=0 and no jobs: no runner ever gets the socket; only the warning is under test.
            env.put("ORCHESTRATOR_RUNNER_DOCKER", "socket");
        }

        @Override
        protected String instancePrefix() {
            return "api-no-token";
        }
    }

    @ParameterizedTest
    @CsvSource({"POST,/api/v1/runners/scale-up", "POST,/api/v1/runners/scale-down",
            "DELETE,/api/v1/runners/some-runner", "GET,/api/v1/runners/some-runner/logs"})
    void answer403SayingToSetTheToken(String method, String path) {
        Map<String, String> anyToken = ApiClient.bearer("some-guess");
        HttpResponse<String> response = switch (method) {
            case "POST" -> api.post(path, "", anyToken);
            case "DELETE" -> api.delete(path, anyToken);
            default -> api.get(path, anyToken);
        };

        assertProblem(response, 403, "this call is disabled because API_TOKEN is not set: set API_TOKEN");
    }

    @org.junit.jupiter.api.Test
    void theStatusWarnsOfTheMissingTokenAndOfTheDockerSocket() {
        tools.jackson.databind.JsonNode status = ApiClient.parse(api.get("/api/v1/status").body());

        assertThat(status.path("security_warnings").valueStream().map(tools.jackson.databind.JsonNode::asString))
                .anySatisfy(w -> assertThat(w).startsWith("API_TOKEN is not set"))
                .anySatisfy(w -> assertThat(w).startsWith("ORCHESTRATOR_RUNNER_DOCKER=socket: the host's Docker socket"))
                .hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/status", "/api/v1/runners", "/api/v1/metrics"})
    void readingNeedsNoToken(String path) {
        assertThat(api.get(path).statusCode()).isEqualTo(200);
    }
}
