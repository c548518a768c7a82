package io.runnerorchestrator.app.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpringPropertiesTest {

    private static OrchestratorConfig config(String... namesAndValues) {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", "t", "GITHUB_REPO", "acme/widgets"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new ConfigLoader(() -> "host").load(env, false);
    }

    @Test
    void structuredLoggingIsEcsOnTheConsole() {
        Map<String, Object> properties = SpringProperties.of(config());

        assertThat(properties).containsEntry("logging.structured.format.console", "ecs")
                .containsEntry("server.port", 8080)
                .containsEntry("logging.level.io.runnerorchestrator", "INFO")
                .containsEntry("logging.level.root", "INFO");
    }

    @Test
    void plainTextWhenStructuredLoggingIsOff() {
        assertThat(SpringProperties.of(config("STRUCTURED_LOGGING", "false")))
                .doesNotContainKey("logging.structured.format.console");
    }

    @Test
    void clientsThatWouldLogHeadersStayAtInfoWhenWeDebug() {
        assertThat(SpringProperties.of(config("LOG_LEVEL", "TRACE")))
                .containsEntry("logging.level.com.github.dockerjava", "INFO")
                .containsEntry("logging.level.org.apache.hc.client5.http.wire", "INFO")
                .containsEntry("logging.level.org.apache.hc.client5.http.headers", "INFO");
    }

    @Test
    void debugOnlyForOurOwnLoggersButQuietForAll() {
        assertThat(SpringProperties.of(config("LOG_LEVEL", "DEBUG")))
                .containsEntry("logging.level.io.runnerorchestrator", "DEBUG")
                .containsEntry("logging.level.root", "INFO");
        assertThat(SpringProperties.of(config("LOG_LEVEL", "ERROR", "PORT", "9000")))
                .containsEntry("logging.level.io.runnerorchestrator", "ERROR")
                .containsEntry("logging.level.root", "ERROR")
                .containsEntry("server.port", 9000);
    }
}
