package io.runnerorchestrator.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Instant;
import java.util.List;

/**
 * One runner in GET /api/v1/runners, its container and its GitHub registration merged.
 *
 * @param id     the runner's name, also its container's name; what the other runner calls take
 * @param labels GitHub's labels once registered, the configured ones before
 * @param jobId  the job it runs, when a webhook said so
 * @param node   the Swarm node it runs on; absent (not null) for backends with one machine (docker)
 */
public record RunnerJson(String id, @JsonProperty("container_id") String containerId,
                         @JsonProperty("github_runner_id") Long githubRunnerId, String state, List<String> labels,
                         String image, @JsonProperty("created_at") Instant createdAt,
                         @JsonProperty("idle_since") Instant idleSince, @JsonProperty("job_id") Long jobId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String node) {

    static RunnerJson of(RunnerView runner, List<String> configuredLabels) {
        List<String> labels = runner.registration().map(r -> r.labels().stream().sorted().toList())
                .orElse(configuredLabels);
        return new RunnerJson(runner.name(), runner.instance().map(RunnerInstance::backendId).orElse(null),
                runner.registration().map(GitHubRunner::id).orElse(null), runner.state().label(), labels,
                runner.instance().map(RunnerInstance::image).orElse(null),
                runner.instance().map(RunnerInstance::createdAt).orElse(null), runner.idleSince().orElse(null),
                runner.job().orElse(null), runner.instance().flatMap(RunnerInstance::node).orElse(null));
    }
}
