package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.adapter.github.app.AppPrivateKey;
import io.runnerorchestrator.adapter.github.app.GitHubAppSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The GITHUB_APP_* variables: app ID, optional installation ID, and the private key as PEM text
 * (GITHUB_APP_PRIVATE_KEY) or a file (GITHUB_APP_PRIVATE_KEY_PATH). The key is read and checked
 * here, so a bad one stops the start; no message ever shows it.
 */
final class GitHubAppReader {

    static final String APP_ID = "GITHUB_APP_ID";
    static final String INSTALLATION_ID = "GITHUB_APP_INSTALLATION_ID";
    static final String PRIVATE_KEY = "GITHUB_APP_PRIVATE_KEY";
    static final String PRIVATE_KEY_PATH = "GITHUB_APP_PRIVATE_KEY_PATH";

    private static final Pattern INSTALLATION_ID_FORMAT = Pattern.compile("[1-9][0-9]{0,17}");

    private final EnvReader env;

    GitHubAppReader(EnvReader env) {
        this.env = env;
    }

    /** Empty when none of the variables is set. */
    Optional<GitHubAppSettings> app() {
        Optional<String> appId = env.optional(APP_ID);
        Optional<Secret> pem = env.secret(PRIVATE_KEY);
        Optional<String> path = env.optional(PRIVATE_KEY_PATH);
        Optional<String> installation = env.optional(INSTALLATION_ID);
        if (appId.isEmpty()) {
            if (pem.isPresent() || path.isPresent() || installation.isPresent()) {
                throw new ConfigException(APP_ID + " is not set, but other GITHUB_APP_* variables are (a GitHub App needs its ID)");
            }
            return Optional.empty();
        }
        if (pem.isPresent() == path.isPresent()) {
            throw new ConfigException(APP_ID + " is set: set exactly one of " + PRIVATE_KEY + " or " + PRIVATE_KEY_PATH
                    + (pem.isPresent() ? " (both are set)" : " (neither is set)"));
        }
        AppPrivateKey key = pem.map(p -> key(p.reveal(), PRIVATE_KEY)).orElseGet(() -> keyFile(path.get()));
        Optional<Long> installationId = installation.map(GitHubAppReader::installationId);
        try {
            return Optional.of(new GitHubAppSettings(appId.get(), installationId, key));
        } catch (IllegalArgumentException e) {
            throw EnvReader.invalid(APP_ID, appId.get(), "must be the app ID (digits) or its client ID");
        }
    }

    private static long installationId(String raw) {
        if (!INSTALLATION_ID_FORMAT.matcher(raw).matches()) {
            throw EnvReader.invalid(INSTALLATION_ID, raw, "must be a positive whole number (or unset, to look it up)");
        }
        return Long.parseLong(raw);
    }

    private static AppPrivateKey keyFile(String path) {
        String pem;
        try {
            pem = Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
        } catch (IOException | InvalidPathException e) {
            throw EnvReader.invalid(PRIVATE_KEY_PATH, path, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return key(pem, PRIVATE_KEY_PATH + "=" + EnvReader.quote(path));
    }

    private static AppPrivateKey key(String pem, String source) {
        try {
            return AppPrivateKey.fromPem(pem, source);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EnvReader.oneLine(e.getMessage()));
        }
    }
}
