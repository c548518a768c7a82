package io.runnerorchestrator.app.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.runnerorchestrator.app.api.ApiClient.bearer;
import static io.runnerorchestrator.app.api.OrchestratorUnderTest.API_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what, and what bad input gets: 401, 400, 413, 404, as problem details. Nothing is started. */
@Import(ApiAccessHttpTest.Beans.class)
class ApiAccessHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/status", "/api/v1/runners", "/api/v1/metrics", "/openapi.json", "/docs"})
    void readableWithoutAToken(String path) {
        assertThat(api.get(path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"POST,/api/v1/runners/scale-up", "POST,/api/v1/runners/scale-down",
            "DELETE,/api/v1/runners/some-runner", "GET,/api/v1/runners/some-runner/logs"})
    void mutatingCallsAndLogsNeedTheToken(String method, String path) {
        HttpResponse<String> missing = call(method, path, Map.of());
        HttpResponse<String> wrong = call(method, path, bearer(API_TOKEN + "x"));
        HttpResponse<String> basic = call(method, path, Map.of("Authorization", "Basic " + API_TOKEN));

        assertProblem(missing, 401, "Authorization header is missing");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(wrong, 401, "the bearer token does not match API_TOKEN");
        assertProblem(basic, 401, "Authorization must use the Bearer scheme");
        assertThat(missing.body() + wrong.body() + basic.body()).doesNotContain(API_TOKEN);
    }

    @Test
    void theTokenIsCheckedBeforeTheBody() {
        assertProblem(api.post("/api/v1/runners/scale-up", "{not json", Map.of()), 401, "Authorization");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"count\": 0}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got 0",
            "{\"count\": -2}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got -2",
            "{\"count\": \"two\"}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got \"two\"",
            "{\"count\": 1.5}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got 1.5",
            "{\"count\": 4}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got 4",
            "{\"count\": 99999999999}|count must be a whole number from 1 to 3 (MAX_RUNNERS), got 99999999999",
            "{\"count\": 1|request body is not valid JSON",
            "[1]|request body must be a JSON object",
            "{\"cuont\": 1}|unknown field 'cuont': only count is accepted"})
    void badScaleBodiesGet400(String body, String detail) {
        for (String path : new String[]{"/api/v1/runners/scale-up", "/api/v1/runners/scale-down"}) {
            assertProblem(api.post(path, body, bearer(API_TOKEN)), 400, detail);
        }
    }

    @Test
    void anOversizedBodyGets413() {
        String body = "{\"count\": 1, \"pad\": \"" + "x".repeat(2000) + "\"}";

        assertProblem(api.post("/api/v1/runners/scale-up", body, bearer(API_TOKEN)), 413, "larger than 1024 bytes");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "10001", "ten", "1e3"})
    void tailOutOfRangeGets400(String tail) {
        assertProblem(api.get("/api/v1/runners/any/logs?tail=" + tail, bearer(API_TOKEN)), 400,
                "tail must be a whole number from 1 to 10000, got '" + tail + "'");
    }

    @Test
    void forceMustBeABoolean() {
        assertProblem(api.delete("/api/v1/runners/any?force=yes", bearer(API_TOKEN)), 400,
                "force must be true or false, got 'yes'");
    }

    @Test
    void unknownRunnersGet404() {
        assertProblem(api.delete("/api/v1/runners/no-such-runner", bearer(API_TOKEN)), 404,
                "no runner named 'no-such-runner' among this instance's runners");
        assertProblem(api.get("/api/v1/runners/no-such-runner/logs", bearer(API_TOKEN)), 404,
                "no container for runner 'no-such-runner'");
    }

    @Test
    void scaleDownWithNothingIdleGets409() {
        assertProblem(api.post("/api/v1/runners/scale-down", "", bearer(API_TOKEN)), 409, "no idle runner to remove");
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() {
        JsonNode paths = api.json("/openapi.json").path("paths");

        assertThat(paths.path("/api/v1/status").has("get")).isTrue();
        assertThat(paths.path("/api/v1/runners").has("get")).isTrue();
        assertThat(paths.path("/api/v1/runners/scale-up").has("post")).isTrue();
        assertThat(paths.path("/api/v1/runners/scale-down").has("post")).isTrue();
        assertThat(paths.path("/api/v1/runners/{runnerId}").has("delete")).isTrue();
        assertThat(paths.path("/api/v1/runners/{runnerId}/logs").has("get")).isTrue();
        assertThat(paths.path("/api/v1/metrics").has("get")).isTrue();
        assertThat(paths.path("/api/v1/health").has("get")).isTrue();
        assertThat(paths.path("/api/v1/webhook").has("post")).isTrue();
        assertThat(paths.path("/api/v1/runners/scale-up").path("post").path("security").toString()).contains("bearer");
    }

    @Test
    void docsServeSwaggerUi() {
        HttpResponse<String> docs = api.get("/docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
        assertThat(docs.uri().getPath()).endsWith("/index.html");
        assertThat(api.get("/openapi.json/swagger-config").body()).as("Swagger UI reads this document")
                .contains("\"url\":\"/openapi.json\"");
    }

    private HttpResponse<String> call(String method, String path, Map<String, String> headers) {
        return switch (method) {
            case "POST" -> api.post(path, "{\"count\": 1}", headers);
            case "DELETE" -> api.delete(path, headers);
            default -> api.get(path, headers);
        };
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ApiClient.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).contains(detail);
    }
}
