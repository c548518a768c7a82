package io.runnerorchestrator.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.port.BackendDescription;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The configuration as the status shows it: every knob, and for each secret only whether it is set. */
public record ConfigurationView(String scope, @JsonProperty("github_api_url") String githubApiUrl,
                                @JsonProperty("github_auth") String githubAuth,
                                @JsonProperty("min_runners") int minRunners,
                                @JsonProperty("max_runners") int maxRunners,
                                @JsonProperty("scale_up_threshold") int scaleUpThreshold,
                                @JsonProperty("scale_down_threshold") int scaleDownThreshold,
                                @JsonProperty("idle_timeout_seconds") long idleTimeoutSeconds,
                                @JsonProperty("poll_interval_seconds") long pollIntervalSeconds,
                                @JsonProperty("boot_timeout_seconds") long bootTimeoutSeconds,
                                @JsonProperty("runner_labels") List<String> runnerLabels,
                                @JsonProperty("runner_backend") String runnerBackend,
                                @JsonProperty("runner_image") String runnerImage,
                                @JsonProperty("runner_network") String runnerNetwork,
                                @JsonProperty("runner_docker") String runnerDocker,
                                @JsonProperty("runner_cpus") Double runnerCpus,
                                @JsonProperty("runner_memory_bytes") Long runnerMemoryBytes,
                                @JsonProperty("runner_pids_limit") Long runnerPidsLimit,
                                @JsonProperty("registration_mode") String registrationMode,
                                @JsonProperty("runner_name_prefix") String runnerNamePrefix,
                                String coordination, String demand,
                                @JsonProperty("scale_set_name") String scaleSetName, boolean demo,
                                @JsonProperty("webhook_secret_set") boolean webhookSecretSet,
                                @JsonProperty("api_token_set") boolean apiTokenSet,
                                @JsonProperty("api_read_token_set") boolean apiReadTokenSet) {

    static ConfigurationView of(OrchestratorConfig config) {
        ScalingSettings scaling = config.scaling();
        BackendDescription backend = config.backend().describe();
        return new ConfigurationView(config.github().scope().toString(), withoutUserInfo(config.github().apiUrl()),
                auth(config),
                scaling.minRunners(), scaling.maxRunners(), scaling.scaleUpThreshold(), scaling.scaleDownThreshold(),
                scaling.idleTimeout().toSeconds(), scaling.pollInterval().toSeconds(), scaling.bootTimeout().toSeconds(),
                config.runner().labels(), backend.backend(), backend.image(), backend.network(),
                backend.details().get("docker_access"), backend.cpus().orElse(null), backend.memoryBytes().orElse(null),
                backend.pidsLimit().orElse(null), lower(config.runner().mode().name()),
                config.runner().namePrefix(), config.redisUrl().isPresent() ? "redis" : "local",
                lower(config.demand().mode().name()), config.demand().scaleSet() ? config.demand().scaleSetName() : null,
                config.demo(),
                config.http().webhookSecret().isPresent(), config.http().apiToken().isPresent(),
                config.http().apiReadToken().isPresent());
    }

    /** How the orchestrator authenticates, never with what. */
    private static String auth(OrchestratorConfig config) {
        return config.github().token().isPresent() ? "token" : config.github().app().isPresent() ? "app" : "none";
    }

    /** A URL may carry credentials before the host; the status never shows them. */
    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
