package io.runnerorchestrator.app.config;

import io.runnerorchestrator.adapter.docker.DockerRunnerSettings;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.ScalingSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything read from the environment, validated. Safe to log: every secret is a {@link Secret}.
 *
 * @param dockerHost DOCKER_HOST; empty means docker-java's default (the local socket)
 * @param redisUrl   REDIS_URL; empty means a single instance coordinating in memory
 * @param clusterTtl ORCHESTRATOR_CLUSTER_TTL: with REDIS_URL, how long a silent instance still counts as
 *                   alive (its places under MAX, its job claims) and how long the leader lease lasts
 * @param demo       --demo or ORCHESTRATOR_DEMO=true: GITHUB_TOKEN and the scope become optional
 */
public record OrchestratorConfig(GitHubSettings github, ScalingSettings scaling, RunnerSettings runner,
                                 DockerRunnerSettings docker, Optional<String> dockerHost, HttpSettings http,
                                 Optional<Secret> redisUrl, Duration clusterTtl, LogSettings logging,
                                 boolean demo) {
}
