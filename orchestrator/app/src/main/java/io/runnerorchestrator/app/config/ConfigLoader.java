package io.runnerorchestrator.app.config;

import io.runnerorchestrator.adapter.github.app.GitHubAppSettings;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.ScalingSettings;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.core.config.EnvReader;
import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.core.port.GitHubScope;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the process environment into an {@link OrchestratorConfig}, or fails with one line naming
 * the variable. Plain Java, so it runs (and fails) before Spring starts.
 */
public final class ConfigLoader {

    public static final String DEMO_ARGUMENT = "--demo";
    /** The scope assumed in demo mode when neither GITHUB_ORG nor GITHUB_REPO is set. */
    public static final String DEMO_REPOSITORY = "octo-org/octo-repo";
    /** Five heartbeats per ttl: an instance counts as gone after about 15 s of silence. */
    static final Duration CLUSTER_TTL = Duration.ofSeconds(15);

    private static final Pattern ORG = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+");
    private static final Pattern SCALE_SET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final String TOKEN_HELP = "a personal access token with the repo scope for GITHUB_REPO"
            + " or admin:org for GITHUB_ORG; or a GitHub App: GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY or"
            + " GITHUB_APP_PRIVATE_KEY_PATH; or start with --demo to try the orchestrator without GitHub";

    private final Supplier<String> hostname;
    private final BackendProviders backends;

    /** @param hostname the default ORCHESTRATOR_INSTANCE_ID, asked only when that is unset */
    public ConfigLoader(Supplier<String> hostname) {
        this(hostname, BackendProviders.onClassPath());
    }

    /** @param backends the backends ORCHESTRATOR_BACKEND may name */
    public ConfigLoader(Supplier<String> hostname, BackendProviders backends) {
        this.hostname = hostname;
        this.backends = backends;
    }

    public static ConfigLoader forThisHost() {
        return new ConfigLoader(HostName::current);
    }

    public OrchestratorConfig load(Map<String, String> environment, boolean demoArgument) {
        EnvReader env = new EnvReader(environment);
        boolean demo = demoArgument || env.flag("ORCHESTRATOR_DEMO", false);
        GitHubSettings github = github(env, demo);
        ScalingSettings scaling = scaling(env);
        RunnerConfigReader runners = new RunnerConfigReader(env, hostname);
        RunnerSettings runner = runners.runner(github);
        DemandSettings demand = demand(env, runner);
        if (demand.scaleSet()) {
            runner = scaleSetRunners(env, runner, demand);
        }
        return new OrchestratorConfig(github, scaling, runner, runners.instanceId(),
                backends.chosen(env).configure(env, runners.instanceId()), http(env), redisUrl(env),
                env.duration("ORCHESTRATOR_CLUSTER_TTL", CLUSTER_TTL, Duration.ofSeconds(1), Duration.ofMinutes(10)), logging(env),
                demand, demo);
    }

    private static DemandSettings demand(EnvReader env, RunnerSettings runner) {
        DemandSettings.Mode mode = env.choice("ORCHESTRATOR_DEMAND", DemandSettings.Mode.REST, DemandSettings.Mode.class);
        String name = env.string("ORCHESTRATOR_SCALESET_NAME", runner.namePrefix());
        if (!SCALE_SET_NAME.matcher(name).matches()) {
            throw EnvReader.invalid("ORCHESTRATOR_SCALESET_NAME", name, "must be letters, digits, '.', '_' or '-' (at most 100)");
        }
        String group = env.string("ORCHESTRATOR_RUNNER_GROUP", "Default");
        return new DemandSettings(mode, name, group);
    }

    /**
     * A scale set's runners are JIT runners carrying the set's labels: ORCHESTRATOR_RUNNER_LABELS, or
     * just its name (what {@code runs-on} names to reach it).
     */
    private static RunnerSettings scaleSetRunners(EnvReader env, RunnerSettings runner, DemandSettings demand) {
        if (runner.mode() != RunnerSettings.RegistrationMode.JIT) {
            throw new ConfigException("ORCHESTRATOR_RUNNER_MODE=token does not go with ORCHESTRATOR_DEMAND=scaleset:"
                    + " a scale set's runners get JIT configs from the Actions service");
        }
        List<String> labels = env.optional("ORCHESTRATOR_RUNNER_LABELS").isPresent() ? runner.labels()
                : List.of(demand.scaleSetName());
        return new RunnerSettings(runner.namePrefix(), labels, runner.mode(), runner.runnerGroupId(), runner.command(),
                runner.workFolder(), runner.scope(), runner.githubUrl());
    }

    private static GitHubSettings github(EnvReader env, boolean demo) {
        GitHubScope scope = scope(env, demo);
        Optional<Secret> token = env.secret("GITHUB_TOKEN");
        if (token.isPresent() && env.optional(GitHubAppReader.APP_ID).isPresent()) {
            throw new ConfigException("set either GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY"
                    + " or GITHUB_APP_PRIVATE_KEY_PATH), not both");
        }
        Optional<GitHubAppSettings> app = new GitHubAppReader(env).app();
        if (token.isEmpty() && app.isEmpty() && !demo) {
            throw new ConfigException("GITHUB_TOKEN is not set (" + TOKEN_HELP + ")");
        }
        URI api = httpUrl(env, "GITHUB_API_URL", "https://api.github.com");
        URI web = httpUrl(env, "GITHUB_URL", "https://github.com");
        return new GitHubSettings(scope, api, web, token, app);
    }

    private static GitHubScope scope(EnvReader env, boolean demo) {
        Optional<String> org = env.optional("GITHUB_ORG");
        Optional<String> repo = env.optional("GITHUB_REPO");
        if (org.isPresent() && repo.isPresent()) {
            throw new ConfigException("set exactly one of GITHUB_ORG or GITHUB_REPO (both are set)");
        }
        if (org.isPresent()) {
            if (!ORG.matcher(org.get()).matches()) {
                throw EnvReader.invalid("GITHUB_ORG", org.get(), "is not an organization name (letters, digits, '-')");
            }
            return GitHubScope.ofOrganization(org.get());
        }
        if (repo.isPresent()) {
            if (!REPO.matcher(repo.get()).matches()) {
                throw EnvReader.invalid("GITHUB_REPO", repo.get(), "must be owner/repo");
            }
            return GitHubScope.ofRepository(repo.get());
        }
        if (demo) {
            return GitHubScope.ofRepository(DEMO_REPOSITORY);
        }
        throw new ConfigException("set exactly one of GITHUB_ORG or GITHUB_REPO (neither is set)");
    }

    /** Starts under way at once; more would only queue at the engine and at GitHub's secondary limits. */
    static final int MAX_START_CONCURRENCY = 50;

    private static ScalingSettings scaling(EnvReader env) {
        int min = env.wholeNumber("MIN_RUNNERS", 2, 0);
        int max = env.wholeNumber("MAX_RUNNERS", 10, 1);
        if (min > max) {
            throw new ConfigException("MIN_RUNNERS=" + min + " is greater than MAX_RUNNERS=" + max);
        }
        int up = env.wholeNumber("SCALE_UP_THRESHOLD", 3, 1);
        int down = env.wholeNumber("SCALE_DOWN_THRESHOLD", 1, 0);
        if (down >= up) {
            // Without a gap between the two the pool would grow and shrink on the same queue length.
            throw new ConfigException("SCALE_DOWN_THRESHOLD=" + down + " must be less than SCALE_UP_THRESHOLD=" + up);
        }
        Duration idle = env.duration("IDLE_TIMEOUT", Duration.ofSeconds(300), Duration.ZERO, Duration.ofDays(1));
        Duration poll = env.duration("POLL_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration boot = env.duration("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", Duration.ofSeconds(120), Duration.ofSeconds(1),
                Duration.ofHours(1));
        int concurrency = env.wholeNumber("ORCHESTRATOR_START_CONCURRENCY", ScalingSettings.DEFAULT_START_CONCURRENCY, 1);
        if (concurrency > MAX_START_CONCURRENCY) {
            throw new ConfigException("ORCHESTRATOR_START_CONCURRENCY=" + concurrency + " must be at most "
                    + MAX_START_CONCURRENCY + " (GitHub allows 100 concurrent requests in all)");
        }
        ScalingSettings.WarmPool warm = env.choice("ORCHESTRATOR_WARM_POOL", ScalingSettings.WarmPool.OFF,
                ScalingSettings.WarmPool.class);
        return new ScalingSettings(min, max, up, down, idle, poll, boot, concurrency, warm);
    }

    private static HttpSettings http(EnvReader env) {
        int port = env.wholeNumber("PORT", 8080, 0);
        if (port > 65535) {
            throw new ConfigException("PORT=" + port + " must be at most 65535");
        }
        return new HttpSettings(port, env.secret("WEBHOOK_SECRET"), env.secret("API_TOKEN"),
                bearerToken(env, "API_READ_TOKEN"));
    }

    /** A token sent in an Authorization header: one word, so what a user pastes is what is compared. */
    private static Optional<Secret> bearerToken(EnvReader env, String name) {
        Optional<Secret> token = env.secret(name);
        token.ifPresent(t -> {
            if (t.reveal().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new ConfigException(name + " must not contain spaces or control characters (value not shown)");
            }
        });
        return token;
    }

    private static Optional<Secret> redisUrl(EnvReader env) {
        Optional<Secret> url = env.secret("REDIS_URL");
        url.ifPresent(u -> {
            String scheme = u.reveal().toLowerCase(Locale.ROOT);
            if (!scheme.startsWith("redis://") && !scheme.startsWith("rediss://")) {
                throw new ConfigException("REDIS_URL must start with redis:// or rediss://"
                        + " (value not shown: it may hold a password)");
            }
        });
        return url;
    }

    private static LogSettings logging(EnvReader env) {
        // The prefixed name wins: it cannot clash with a LOG_LEVEL meant for another program.
        String name = env.optional("ORCHESTRATOR_LOG_LEVEL").isPresent() ? "ORCHESTRATOR_LOG_LEVEL" : "LOG_LEVEL";
        String level = env.string(name, "INFO");
        if (!LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
            throw EnvReader.invalid(name, level, "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        return new LogSettings(level.toUpperCase(Locale.ROOT), env.flag("STRUCTURED_LOGGING", true));
    }

    private static URI httpUrl(EnvReader env, String name, String defaultValue) {
        String raw = env.string(name, defaultValue);
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw EnvReader.invalid(name, raw, "is not a URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException(name + " must not contain credentials (value not shown)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw EnvReader.invalid(name, raw, "must be an http(s) URL like " + defaultValue);
        }
        return URI.create(raw.replaceAll("/+$", ""));
    }
}
