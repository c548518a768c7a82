package io.runnerorchestrator.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/metrics: every meter in Prometheus' text exposition format, for scraping. */
@RestController
public class MetricsController {

    public static final String PATH = "/api/v1/metrics";
    /** The text format Prometheus has read since 0.4; promtool checks it. */
    static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8");

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "Prometheus metrics", description = "Text exposition format 0.0.4; README.md lists every metric.")
    @GetMapping(value = PATH, produces = "text/plain")
    public ResponseEntity<String> scrape() {
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(registry.scrape());
    }
}
