package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.adapter.github.app.GitHubAppSettings;
import io.runnerorchestrator.core.port.GitHubScope;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom the orchestrator talks to GitHub.
 *
 * @param apiUrl GITHUB_API_URL, without a trailing slash
 * @param webUrl GITHUB_URL, without a trailing slash; runners register against it
 * @param token  GITHUB_TOKEN; empty with a GitHub App, or in demo mode
 * @param app    the GITHUB_APP_* variables; present exactly when {@code token} is empty, outside demo mode
 */
public record GitHubSettings(GitHubScope scope, URI apiUrl, URI webUrl, Optional<Secret> token,
                             Optional<GitHubAppSettings> app) {
}
