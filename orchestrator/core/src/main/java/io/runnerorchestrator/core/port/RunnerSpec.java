package io.runnerorchestrator.core.port;

import java.util.List;
import java.util.Map;

/**
 * What to start: the runner's name, its environment (which may hold the JIT config, so it is never
 * printed), secret files (absolute path in the runner -> content, e.g. a registration token; placed
 * before the runner starts and never part of its environment) and an optional command (empty: the
 * image's own entrypoint). Image, network, Docker access and limits are the backend's configuration.
 */
public record RunnerSpec(String name, Map<String, String> environment, Map<String, String> secretFiles,
                         List<String> command) {

    /** Token mode: names the file that holds the registration token (the runner image reads and deletes it). */
    public static final String TOKEN_FILE_ENV = "RUNNER_TOKEN_FILE";
    /** Token mode: where the registration token is placed. */
    public static final String TOKEN_FILE = "/home/runner/.runner-token";

    public RunnerSpec {
        environment = Map.copyOf(environment);
        secretFiles = Map.copyOf(secretFiles);
        command = List.copyOf(command);
        secretFiles.keySet().forEach(path -> {
            if (!path.startsWith("/") || path.endsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("secret file path must be an absolute file path, got " + path);
            }
        });
    }

    /** A runner without secret files. */
    public RunnerSpec(String name, Map<String, String> environment, List<String> command) {
        this(name, environment, Map.of(), command);
    }

    /** The registration token a token-mode spec carries, if any. */
    public java.util.Optional<String> registrationToken() {
        return java.util.Optional.ofNullable(environment.get(TOKEN_FILE_ENV)).map(secretFiles::get);
    }

    @Override
    public String toString() {
        return "RunnerSpec[name=" + name + ", environment=" + environment.keySet() + ", secretFiles="
                + secretFiles.keySet() + ", command=" + command + "]";
    }
}
