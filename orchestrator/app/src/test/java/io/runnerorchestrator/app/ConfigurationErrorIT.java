package io.runnerorchestrator.app;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts the built jar as a user would, with one bad variable each time: it must stop at once with
 * exit status 2 and one line naming the variable, no stack trace, and never echo a secret.
 */
class ConfigurationErrorIT {

    private static final Path JAR = Path.of("target", "runner-orchestrator.jar");
    private static final String TOKEN = "ghp_ConfigurationErrorItTokenValue";
    private static final String WEBHOOK_SECRET = "whsec-ConfigurationErrorIt";
    private static final String API_TOKEN = "api-ConfigurationErrorIt";
    private static final String PREFIX = "runner-orchestrator: configuration error: ";
    private static final String BROKEN_KEY_BODY = "MIIEowIBAAKCAQEAConfigurationErrorIt";
    private static final String BROKEN_KEY = "-----BEGIN RSA PRIVATE KEY-----\n" + BROKEN_KEY_BODY + "\n-----END RSA PRIVATE KEY-----";

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of(Map.of("GITHUB_TOKEN", "", "GITHUB_REPO", "acme/widgets"),
                        "GITHUB_TOKEN is not set (a personal access token with"),
                Arguments.of(Map.of(), "set exactly one of GITHUB_ORG or GITHUB_REPO (neither is set)"),
                Arguments.of(Map.of("GITHUB_ORG", "acme", "GITHUB_REPO", "acme/widgets"),
                        "set exactly one of GITHUB_ORG or GITHUB_REPO (both are set)"),
                Arguments.of(Map.of("GITHUB_REPO", "acme"), "GITHUB_REPO='acme' must be owner/repo"),
                Arguments.of(Map.of("GITHUB_REPO", "acme/widgets", "MIN_RUNNERS", "5", "MAX_RUNNERS", "3"),
                        "MIN_RUNNERS=5 is greater than MAX_RUNNERS=3"),
                Arguments.of(Map.of("GITHUB_REPO", "acme/widgets", "IDLE_TIMEOUT", "-5"),
                        "IDLE_TIMEOUT=-5 must not be negative"),
                Arguments.of(Map.of("GITHUB_REPO", "acme/widgets", "MAX_RUNNERS", "ten"),
                        "MAX_RUNNERS='ten' is not a whole number"),
                Arguments.of(Map.of("GITHUB_REPO", "acme/widgets", "REDIS_URL", "http://:" + TOKEN + "@127.0.0.1"),
                        "REDIS_URL must start with redis:// or rediss://"),
                Arguments.of(Map.of("GITHUB_TOKEN", "", "GITHUB_REPO", "acme/widgets", "GITHUB_APP_ID", "1",
                        "GITHUB_APP_PRIVATE_KEY", BROKEN_KEY), "GITHUB_APP_PRIVATE_KEY is not a readable RSA private key"),
                Arguments.of(Map.of("GITHUB_REPO", "acme/widgets", "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", BROKEN_KEY),
                        "set either GITHUB_TOKEN or a GitHub App"));
    }

    @ParameterizedTest
    @MethodSource("badEnvironments")
    void stopsWithOneLineNamingTheVariable(Map<String, String> bad, String expected, @TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", TOKEN, "WEBHOOK_SECRET", WEBHOOK_SECRET,
                "API_TOKEN", API_TOKEN, "ORCHESTRATOR_INSTANCE_ID", "configuration-error-it"));
        env.putAll(bad);

        Run run = runJar(env, dir);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).hasSize(1);
        assertThat(run.stderr().get(0)).startsWith(PREFIX + expected);
        assertThat(String.join("\n", run.stderr()))
                .doesNotContain("Exception", "\tat ")
                .doesNotContain(TOKEN, WEBHOOK_SECRET, API_TOKEN, BROKEN_KEY_BODY);
    }

    private record Run(int exitCode, List<String> stdout, List<String> stderr) {
    }

    private static Run runJar(Map<String, String> env, Path dir) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged jar (failsafe runs after package)").isRegularFile();
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the jar still runs 60 s after starting with a bad configuration; stderr: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }
}
