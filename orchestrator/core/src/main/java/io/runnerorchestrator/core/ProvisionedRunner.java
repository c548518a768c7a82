package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.util.Optional;

/**
 * A runner ready to start: its spec, and in JIT mode the registration already made for it, which must
 * be deleted if the start fails.
 */
record ProvisionedRunner(RunnerSpec spec, Optional<GitHubRunner> registration) {
    String name() {
        return spec.name();
    }

    Optional<Long> registrationId() {
        return registration.map(GitHubRunner::id);
    }
}
