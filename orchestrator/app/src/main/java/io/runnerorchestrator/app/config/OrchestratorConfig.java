package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.core.port.BackendSetup;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything read from the environment, validated. Safe to log: every secret is a {@link Secret}.
 *
 * @param instanceId ORCHESTRATOR_INSTANCE_ID: whose runners these are (the backend's ownership label)
 * @param backend    the backend ORCHESTRATOR_BACKEND picked, with the settings its module read
 * @param redisUrl   REDIS_URL; empty means a single instance coordinating in memory
 * @param clusterTtl ORCHESTRATOR_CLUSTER_TTL: with REDIS_URL, how long a silent instance still counts as
 *                   alive (its places under MAX, its job claims) and how long the leader lease lasts
 * @param demand     where demand comes from: webhooks and the REST API, or a runner scale set
 * @param demo       --demo or ORCHESTRATOR_DEMO=true: GITHUB_TOKEN and the scope become optional
 */
public record OrchestratorConfig(GitHubSettings github, ScalingSettings scaling, RunnerSettings runner,
                                 String instanceId, BackendSetup backend, HttpSettings http,
                                 Optional<Secret> redisUrl, Duration clusterTtl, LogSettings logging,
                                 DemandSettings demand, boolean demo) {
}
