package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubScope;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How runners are named and registered.
 *
 * @param namePrefix    runner and container names are {@code <namePrefix>-<random>}, lowercase; GitHub
 *                      runners whose name starts with {@code <namePrefix>-} count as ours, so instances
 *                      sharing a scope need distinct prefixes
 * @param labels        custom labels given to every runner; GitHub adds self-hosted, Linux, X64
 * @param command       container command; empty keeps the image's entrypoint in token mode and runs
 *                      {@code /home/runner/run.sh} in JIT mode
 * @param githubUrl     GITHUB_URL, the web URL runners register against in token mode
 */
public record RunnerSettings(String namePrefix, List<String> labels, RegistrationMode mode, long runnerGroupId,
                             List<String> command, String workFolder, GitHubScope scope, String githubUrl) {

    public enum RegistrationMode { JIT, TOKEN }

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,40}");

    public RunnerSettings {
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (!PREFIX.matcher(namePrefix).matches()) {
            throw new IllegalArgumentException("runner name prefix '" + namePrefix
                    + "' must be 1-41 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        labels = List.copyOf(labels);
        Objects.requireNonNull(mode, "mode");
        command = List.copyOf(command);
        Objects.requireNonNull(workFolder, "workFolder");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(githubUrl, "githubUrl");
    }
}
