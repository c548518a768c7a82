package io.runnerorchestrator.app.api;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the reconcile passes: while GitHub answers every call with 502, no pass completes,
 * and within 3 poll intervals both /api/v1/health and /actuator/health/readiness answer 503; once
 * GitHub answers again, they are back to 200.
 */
@Import(ReadinessHttpTest.Beans.class)
class ReadinessHttpTest extends OrchestratorHttpTest {

    static class Beans extends OrchestratorUnderTest {
        @Override
        protected void adjust(Map<String, String> env) {
            env.put("POLL_INTERVAL", "1s");
        }

        @Override
        protected String instancePrefix() {
            return "api-readiness";
        }
    }

    @Test
    void readinessTurns503WhenPassesFailAndRecovers() {
        await("ready").atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/health").statusCode() == 200);

        sim.faults().serverErrors(Integer.MAX_VALUE);

        HttpResponse<String> down = await("not ready while every pass fails").atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/v1/health"), response -> response.statusCode() == 503);
        JsonNode reconcile = ApiClient.parse(down.body()).path("checks").path("reconcile");
        assertThat(reconcile.path("ok").asBoolean()).isFalse();
        // 3 poll intervals, or 3 of the paced wait when the pacing stretched it.
        assertThat(reconcile.path("detail").asString()).matches("stale: last completed pass at \\S+ \\(must be within \\d+ s\\)");
        assertThat(api.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").statusCode()).as("still live").isEqualTo(200);

        sim.faults().clear();

        await("ready again").atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/health").statusCode() == 200);
        assertThat(api.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
