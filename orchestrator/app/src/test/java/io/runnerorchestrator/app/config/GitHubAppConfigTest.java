package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.testkit.TestKeys;
import io.runnerorchestrator.adapter.github.app.GitHubAppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GITHUB_APP_*: exactly one way to sign in, and a key that is checked at start but never shown. */
class GitHubAppConfigTest {

    private static final KeyPair KEY = TestKeys.rsa(2048);
    private static final String PEM = TestKeys.pkcs1Pem(KEY);
    private static final String PEM_LINE = PEM.lines().skip(1).findFirst().orElseThrow();
    private final ConfigLoader loader = new ConfigLoader(() -> "host");

    @Test
    void readsAnAppWithItsKeyAsText() {
        GitHubAppSettings app = app("GITHUB_APP_ID", "123456", "GITHUB_APP_PRIVATE_KEY", PEM).orElseThrow();

        assertThat(app.appId()).isEqualTo("123456");
        assertThat(app.installationId()).isEmpty();
        assertThat(app.privateKey().bits()).isEqualTo(2048);
        assertThat(loader.load(env("GITHUB_APP_ID", "123456", "GITHUB_APP_PRIVATE_KEY", PEM), false).toString())
                .doesNotContain(PEM_LINE);
    }

    @Test
    void readsTheKeyFromAFileAndTheInstallationId(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("app.pem"), TestKeys.pkcs8Pem(KEY));

        GitHubAppSettings app = app("GITHUB_APP_ID", "Iv23liAbc", "GITHUB_APP_PRIVATE_KEY_PATH", file.toString(),
                "GITHUB_APP_INSTALLATION_ID", "40000001").orElseThrow();

        assertThat(app.appId()).isEqualTo("Iv23liAbc");
        assertThat(app.installationId()).contains(40_000_001L);
    }

    @Test
    void withoutAppVariablesTheTokenIsUsed() {
        OrchestratorConfig config = loader.load(Map.of("GITHUB_TOKEN", "ghp_x", "GITHUB_REPO", "acme/app"), false);

        assertThat(config.github().app()).isEmpty();
        assertThat(config.github().token()).isPresent();
    }

    @Test
    void needsExactlyOneWayToSignIn() {
        assertRefused("set either GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY or"
                + " GITHUB_APP_PRIVATE_KEY_PATH), not both", "GITHUB_TOKEN", "ghp_x", "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", PEM);
        assertThatThrownBy(() -> loader.load(env(), false)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GITHUB_TOKEN is not set (")
                .hasMessageContaining("GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH");
    }

    @Test
    void refusesAnIncompleteApp() {
        assertRefused("GITHUB_APP_ID is set: set exactly one of GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH"
                + " (neither is set)", "GITHUB_APP_ID", "1");
        assertRefused("GITHUB_APP_ID is set: set exactly one of GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH"
                + " (both are set)", "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", PEM, "GITHUB_APP_PRIVATE_KEY_PATH", "/k.pem");
        assertRefused("GITHUB_APP_ID is not set, but other GITHUB_APP_* variables are (a GitHub App needs its ID)",
                "GITHUB_APP_PRIVATE_KEY", PEM);
        assertRefused("GITHUB_APP_ID='12 34' must be the app ID (digits) or its client ID",
                "GITHUB_APP_ID", "12 34", "GITHUB_APP_PRIVATE_KEY", PEM);
        assertRefused("GITHUB_APP_INSTALLATION_ID='abc' must be a positive whole number (or unset, to look it up)",
                "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", PEM, "GITHUB_APP_INSTALLATION_ID", "abc");
    }

    @Test
    void aBadKeyStopsTheStartWithoutShowingIt(@TempDir Path dir) {
        String broken = PEM.replace(PEM_LINE, PEM_LINE.substring(0, 20));
        assertRefused("GITHUB_APP_PRIVATE_KEY is not a readable RSA private key (value not shown)",
                "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", broken);
        assertRefused("GITHUB_APP_PRIVATE_KEY is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY----- as GitHub"
                + " hands it out, or -----BEGIN PRIVATE KEY-----; value not shown)", "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", PEM_LINE);
        Path missing = dir.resolve("missing.pem");
        assertRefused("GITHUB_APP_PRIVATE_KEY_PATH='" + missing + "' cannot be read (NoSuchFileException)",
                "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY_PATH", missing.toString());
    }

    private Optional<GitHubAppSettings> app(String... namesAndValues) {
        return loader.load(env(namesAndValues), false).github().app();
    }

    private void assertRefused(String message, String... namesAndValues) {
        assertThatThrownBy(() -> loader.load(env(namesAndValues), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(PEM_LINE.substring(0, 16)));
    }

    /** A repository scope and the given variables; no GITHUB_TOKEN unless given. */
    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_REPO", "acme/app"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }
}
