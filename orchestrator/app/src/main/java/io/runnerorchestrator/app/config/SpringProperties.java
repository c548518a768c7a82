package io.runnerorchestrator.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Spring Boot properties that follow from the configuration, given to Spring as defaults. */
public final class SpringProperties {

    private static final List<String> QUIETEST_LAST = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    /** Their debug output shows request headers and bodies (tokens, JIT configs), so never below INFO. */
    static final List<String> PINNED_LIBRARY_LOGGERS = List.of("com.github.dockerjava",
            "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

    private SpringProperties() {
    }

    public static Map<String, Object> of(OrchestratorConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", config.http().port());
        String level = config.logging().level();
        properties.put("logging.level.io.runnerorchestrator", level);
        // Libraries stay at INFO even when we debug: their DEBUG output is noise and may echo headers.
        properties.put("logging.level.root", quieter(level, "INFO"));
        PINNED_LIBRARY_LOGGERS.forEach(logger -> properties.put("logging.level." + logger, quieter(level, "INFO")));
        if (config.logging().structured()) {
            properties.put("logging.structured.format.console", "ecs");
        }
        return properties;
    }

    private static String quieter(String a, String b) {
        return QUIETEST_LAST.indexOf(a) >= QUIETEST_LAST.indexOf(b) ? a : b;
    }
}
