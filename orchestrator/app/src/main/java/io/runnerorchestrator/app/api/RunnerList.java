package io.runnerorchestrator.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** The body of GET /api/v1/runners. @param observedAt when the last pass looked at Docker and GitHub */
public record RunnerList(@JsonProperty("observed_at") Instant observedAt, List<RunnerJson> runners) {
}
