package io.runnerorchestrator.core;

import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.RegistrationToken;
import io.runnerorchestrator.core.port.RunnerSpec;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers a runner with GitHub and builds what its container needs, per registration mode:
 * JIT (the secret config in {@code ACTIONS_RUNNER_INPUT_JITCONFIG}, no token in the container) or
 * token (the environment convention of the myoung34/github-runner image, except that the token is a
 * file named by {@code RUNNER_TOKEN_FILE}, which the runner image deletes once it has registered).
 */
final class RunnerProvisioner {
    static final List<String> JIT_DEFAULT_COMMAND = List.of("/home/runner/run.sh");
    /** A cached registration token is renewed this long before it expires (tokens live one hour). */
    static final Duration TOKEN_RENEW_BEFORE = Duration.ofMinutes(10);

    private final RunnerSettings settings;
    private final LabelMatcher labels;
    private final GitHub github;
    private final RunnerNamer namer;
    private final Clock clock;
    private RegistrationToken token;

    RunnerProvisioner(RunnerSettings settings, LabelMatcher labels, GitHub github, RunnerNamer namer, Clock clock) {
        this.settings = settings;
        this.labels = labels;
        this.github = github;
        this.namer = namer;
        this.clock = clock;
    }

    /** Throws {@link io.runnerorchestrator.core.port.GitHubException} when GitHub refuses the registration. */
    /** The runner then exits with code 7, not in a loop of restarts, when GitHub deprecated its version. */
    static final String VERSION_DEPRECATED_EXIT_CODE_ENV = "ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE";

    ProvisionedRunner provision() {
        String name = namer.next();
        return settings.mode() == RegistrationMode.JIT ? jit(name) : token(name);
    }

    private ProvisionedRunner jit(String name) {
        JitRunner jit = github.generateJitConfig(
                new JitRequest(name, labels.runnerLabels(), settings.runnerGroupId(), settings.workFolder()));
        List<String> command = settings.command().isEmpty() ? JIT_DEFAULT_COMMAND : settings.command();
        RunnerSpec spec = new RunnerSpec(name, Map.of("ACTIONS_RUNNER_INPUT_JITCONFIG", jit.encodedJitConfig(),
                VERSION_DEPRECATED_EXIT_CODE_ENV, "1"), command);
        return new ProvisionedRunner(spec, Optional.of(jit.runner()));
    }

    private ProvisionedRunner token(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RUNNER_NAME", name);
        env.put(VERSION_DEPRECATED_EXIT_CODE_ENV, "1");
        // Not in the environment: that stays readable in `docker inspect` and /proc/1/environ all the runner's life.
        env.put(RunnerSpec.TOKEN_FILE_ENV, RunnerSpec.TOKEN_FILE);
        Map<String, String> files = Map.of(RunnerSpec.TOKEN_FILE, registrationToken().token());
        String web = settings.githubUrl().replaceAll("/+$", "");
        if (settings.scope().isOrganization()) {
            env.put("RUNNER_SCOPE", "org");
            env.put("ORG_NAME", settings.scope().organization());
        } else {
            env.put("RUNNER_SCOPE", "repo");
            env.put("REPO_URL", web + settings.scope().webPath());
        }
        env.put("GITHUB_HOST", URI.create(web).getAuthority());
        // The runner adds self-hosted, Linux and X64 itself; only the custom labels are passed.
        env.put("LABELS", String.join(",", settings.labels()));
        env.put("EPHEMERAL", "true");
        env.put("DISABLE_AUTO_UPDATE", "true");
        env.put("RUNNER_WORKDIR", settings.workFolder());
        return new ProvisionedRunner(new RunnerSpec(name, env, files, settings.command()), Optional.empty());
    }

    /** One token serves many runners for most of its hour: fewer calls against the rate limit. Starts run concurrently. */
    private synchronized RegistrationToken registrationToken() {
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(TOKEN_RENEW_BEFORE))) {
            token = github.createRegistrationToken();
        }
        return token;
    }
}
