package io.runnerorchestrator.adapter.github.app;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who the orchestrator signs in as when it is a GitHub App. Safe to print: the key redacts itself.
 *
 * @param appId          the app ID ({@code 123456}) or client ID ({@code Iv23li...}): the JWT issuer
 * @param installationId the installation on the configured repository or organisation; empty to
 *                       look it up with the app's JWT
 */
public record GitHubAppSettings(String appId, Optional<Long> installationId, AppPrivateKey privateKey) {

    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9.]{1,100}");

    public GitHubAppSettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!APP_ID.matcher(appId).matches()) {
            throw new IllegalArgumentException("GitHub App ID must be the app ID (digits) or its client ID, got '" + appId + "'");
        }
        installationId.filter(id -> id < 1).ifPresent(id -> {
            throw new IllegalArgumentException("GitHub App installation ID must be positive, got " + id);
        });
    }
}
