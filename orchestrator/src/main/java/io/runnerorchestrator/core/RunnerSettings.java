package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubScope;

import java.util.List;

/**
 * How runners are named and registered.
 *
 * @param namePrefix    runner and container names are {@code <namePrefix>-<random>}
 * @param labels        custom labels given to every runner; GitHub adds self-hosted, Linux, X64
 * @param command       container command; empty keeps the image's entrypoint (token mode default)
 * @param githubUrl     GITHUB_URL, the web URL runners register against in token mode
 */
public record RunnerSettings(String namePrefix, List<String> labels, RegistrationMode mode, long runnerGroupId,
                             List<String> command, String workFolder, GitHubScope scope, String githubUrl) {

    public enum RegistrationMode { JIT, TOKEN }

    public RunnerSettings {
        labels = List.copyOf(labels);
        command = List.copyOf(command);
    }
}
