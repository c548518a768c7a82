package io.runnerorchestrator.app.config;

import io.runnerorchestrator.core.config.Secret;
import io.runnerorchestrator.core.config.ConfigException;
import io.runnerorchestrator.adapter.docker.DockerBackendProvider;
import io.runnerorchestrator.adapter.docker.DockerBackendSetup;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings;
import io.runnerorchestrator.adapter.docker.HostCapacity;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings.DockerAccess;
import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.port.GitHubScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final String TOKEN = "ghp_0123456789abcdefTOKEN";
    /** 4 CPUs and 8 GiB: runners get 3 CPUs and 6 GiB by default. */
    private static final HostCapacity HOST = new HostCapacity(4, 8L << 30);
    private final ConfigLoader loader = new ConfigLoader(() -> "Build_Host.example.com", dockerOn(HOST));

    private static BackendProviders dockerOn(HostCapacity host) {
        return new BackendProviders(List.of(new DockerBackendProvider(host)));
    }

    /** The Docker module's reading of its variables (ORCHESTRATOR_BACKEND=docker, the default). */
    private static DockerBackendSetup setup(OrchestratorConfig config) {
        assertThat(config.backend()).isInstanceOf(DockerBackendSetup.class);
        return (DockerBackendSetup) config.backend();
    }

    private static DockerRunnerSettings settings(OrchestratorConfig config) {
        return setup(config).settings();
    }

    /** A valid environment (token and repository) with the given changes; a null value removes a variable. */
    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPO", "acme/widgets"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        env.values().removeIf(v -> v == null);
        return env;
    }

    private OrchestratorConfig load(String... namesAndValues) {
        return loader.load(env(namesAndValues), false);
    }

    private void assertRefused(String expectedMessage, String... namesAndValues) {
        assertThatThrownBy(() -> load(namesAndValues))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expectedMessage)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN));
    }

    /** For the formats the Docker adapter owns: its message names the variable, on one line. */
    private void assertRefusedNaming(String name, String value) {
        assertThatThrownBy(() -> load(name, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(name)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void fillsInTheDocumentedDefaults() {
        OrchestratorConfig config = load();

        assertThat(config.github().scope()).isEqualTo(GitHubScope.ofRepository("acme/widgets"));
        assertThat(config.github().apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(config.github().webUrl()).isEqualTo(URI.create("https://github.com"));
        assertThat(config.github().token()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo(TOKEN));
        assertThat(config.scaling().minRunners()).isEqualTo(2);
        assertThat(config.scaling().maxRunners()).isEqualTo(10);
        assertThat(config.scaling().scaleUpThreshold()).isEqualTo(3);
        assertThat(config.scaling().scaleDownThreshold()).isEqualTo(1);
        assertThat(config.scaling().idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.scaling().pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.scaling().bootTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.runner().labels()).containsExactly("self-hosted", "linux", "x64");
        assertThat(config.runner().mode()).isEqualTo(RegistrationMode.JIT);
        assertThat(config.runner().runnerGroupId()).isEqualTo(1);
        assertThat(config.runner().command()).containsExactly("/home/runner/run.sh");
        assertThat(config.runner().githubUrl()).isEqualTo("https://github.com");
        assertThat(config.runner().namePrefix()).isEqualTo("build-host-example-com");
        assertThat(config.instanceId()).isEqualTo("Build_Host.example.com");
        assertThat(settings(config).image()).isEqualTo("apex-runner:local");
        assertThat(settings(config).network()).isEqualTo("runner-orchestrator");
        assertThat(settings(config).dockerAccess()).as("no Docker access unless asked for").isEqualTo(DockerAccess.NONE);
        assertThat(settings(config).nanoCpus()).as("all CPUs but one").contains(3_000_000_000L);
        assertThat(settings(config).memoryBytes()).as("three quarters of the memory").contains(6L << 30);
        assertThat(settings(config).pidsLimit()).contains(4096L);
        assertThat(setup(config).dockerHost()).isEmpty();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().webhookSecret()).isEmpty();
        assertThat(config.http().apiToken()).isEmpty();
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.logging()).isEqualTo(new LogSettings("INFO", true));
        assertThat(config.demo()).isFalse();
    }

    @Test
    void readsAnOrganizationScope() {
        OrchestratorConfig config = load("GITHUB_REPO", null, "GITHUB_ORG", "acme");

        assertThat(config.github().scope()).isEqualTo(GitHubScope.ofOrganization("acme"));
    }

    @Test
    void needsExactlyOneScope() {
        assertRefused("set exactly one of GITHUB_ORG or GITHUB_REPO (both are set)", "GITHUB_ORG", "acme");
        assertRefused("set exactly one of GITHUB_ORG or GITHUB_REPO (neither is set)", "GITHUB_REPO", null);
        assertRefused("set exactly one of GITHUB_ORG or GITHUB_REPO (neither is set)", "GITHUB_REPO", "  ");
    }

    @ParameterizedTest
    @CsvSource({"acme", "acme/", "/widgets", "acme/widgets/extra", "ac me/widgets"})
    void refusesARepositoryThatIsNotOwnerSlashName(String repo) {
        assertRefused("GITHUB_REPO='" + repo.trim() + "' must be owner/repo", "GITHUB_REPO", repo);
    }

    @Test
    void refusesAnOrganizationWithASlash() {
        assertRefused("GITHUB_ORG='acme/widgets' is not an organization name (letters, digits, '-')",
                "GITHUB_REPO", null, "GITHUB_ORG", "acme/widgets");
    }

    @Test
    void needsATokenOutsideDemoMode() {
        assertThatThrownBy(() -> load("GITHUB_TOKEN", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GITHUB_TOKEN is not set (a personal access token with");
    }

    @Test
    void demoModeNeedsNeitherTokenNorScope() {
        OrchestratorConfig byArgument = loader.load(Map.of(), true);
        OrchestratorConfig byVariable = loader.load(Map.of("ORCHESTRATOR_DEMO", "true"), false);

        assertThat(byArgument.demo()).isTrue();
        assertThat(byVariable.demo()).isTrue();
        assertThat(byArgument.github().token()).isEmpty();
        assertThat(byArgument.github().scope()).isEqualTo(GitHubScope.ofRepository(ConfigLoader.DEMO_REPOSITORY));
    }

    @Test
    void refusesMoreMinimumThanMaximumRunners() {
        assertRefused("MIN_RUNNERS=5 is greater than MAX_RUNNERS=3", "MIN_RUNNERS", "5", "MAX_RUNNERS", "3");
    }

    @Test
    void refusesNumbersThatAreNotWhole() {
        assertRefused("MAX_RUNNERS='ten' is not a whole number", "MAX_RUNNERS", "ten");
        assertRefused("MIN_RUNNERS='1.5' is not a whole number", "MIN_RUNNERS", "1.5");
        assertRefused("MAX_RUNNERS='99999999999999999999' is too large", "MAX_RUNNERS", "99999999999999999999");
    }

    @Test
    void refusesNegativeAndZeroWhereTheyMakeNoSense() {
        assertRefused("MIN_RUNNERS=-1 must not be negative", "MIN_RUNNERS", "-1");
        assertRefused("MAX_RUNNERS=0 must be at least 1", "MAX_RUNNERS", "0", "MIN_RUNNERS", "0");
        assertRefused("SCALE_UP_THRESHOLD=0 must be at least 1", "SCALE_UP_THRESHOLD", "0");
        assertRefused("IDLE_TIMEOUT=-5 must not be negative", "IDLE_TIMEOUT", "-5");
        assertRefused("POLL_INTERVAL=0 must be at least 1s", "POLL_INTERVAL", "0");
        assertRefused("ORCHESTRATOR_RUNNER_GROUP_ID=0 must be at least 1", "ORCHESTRATOR_RUNNER_GROUP_ID", "0");
    }

    @Test
    void keepsAGapBetweenTheScaleThresholds() {
        assertRefused("SCALE_DOWN_THRESHOLD=3 must be less than SCALE_UP_THRESHOLD=3", "SCALE_DOWN_THRESHOLD", "3");
    }

    @ParameterizedTest
    @CsvSource({"300,PT5M", "5m,PT5M", "30s,PT30S", "1h,PT1H", "1500ms,PT1.5S", "0,PT0S", "2M,PT2M"})
    void readsDurationsInSecondsOrWithAUnit(String written, Duration expected) {
        assertThat(load("IDLE_TIMEOUT", written).scaling().idleTimeout()).isEqualTo(expected);
    }

    @Test
    void refusesADurationWithoutANumber() {
        assertRefused("POLL_INTERVAL='soon' is not a duration (use seconds like 300, or 500ms, 30s, 5m, 1h)",
                "POLL_INTERVAL", "soon");
        assertRefused("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT='2 minutes' is not a duration (use seconds like 300, or 500ms, 30s, 5m, 1h)",
                "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "2 minutes");
    }

    @Test
    void boundsDurationsWithOneLine() {
        assertRefused("POLL_INTERVAL='2h' must be at most 1h", "POLL_INTERVAL", "2h");
        assertRefused("POLL_INTERVAL='99999999999999999h' must be at most 1h", "POLL_INTERVAL", "99999999999999999h");
        assertRefused("IDLE_TIMEOUT='25h' must be at most 24h", "IDLE_TIMEOUT", "25h");
        assertRefused("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT='61m' must be at most 1h", "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "61m");
        assertRefused("ORCHESTRATOR_CLUSTER_TTL='11m' must be at most 10m", "ORCHESTRATOR_CLUSTER_TTL", "11m");
        assertRefused("POLL_INTERVAL='99999999999999999999' is too large", "POLL_INTERVAL", "99999999999999999999");
        assertThat(load("POLL_INTERVAL", "1h").scaling().pollInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsTheLogSettings() {
        assertThat(load("LOG_LEVEL", "debug", "STRUCTURED_LOGGING", "false").logging()).isEqualTo(new LogSettings("DEBUG", false));
        assertThat(load("LOG_LEVEL", "debug", "ORCHESTRATOR_LOG_LEVEL", "warn").logging().level()).isEqualTo("WARN");
        assertRefused("LOG_LEVEL='loud' must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF", "LOG_LEVEL", "loud");
        assertRefused("STRUCTURED_LOGGING='yes please' must be true or false", "STRUCTURED_LOGGING", "yes please");
    }

    @Test
    void readsUrlsWithoutTheirTrailingSlash() {
        OrchestratorConfig config = load("GITHUB_API_URL", "http://127.0.0.1:9000/api/v3/", "GITHUB_URL", "http://127.0.0.1:9000/");

        assertThat(config.github().apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/api/v3"));
        assertThat(config.runner().githubUrl()).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void refusesUrlsThatAreNotHttpAndNeverShowsCredentials() {
        assertRefused("GITHUB_API_URL='ftp://example.com' must be an http(s) URL like https://api.github.com",
                "GITHUB_API_URL", "ftp://example.com");
        assertRefused("GITHUB_URL='github.com' must be an http(s) URL like https://github.com", "GITHUB_URL", "github.com");
        assertRefused("GITHUB_API_URL must not contain credentials (value not shown)",
                "GITHUB_API_URL", "https://user:hunter2@example.com");
    }

    @Test
    void readsLabelsTrimmedAndWithoutDuplicates() {
        assertThat(load("ORCHESTRATOR_RUNNER_LABELS", " gpu , self-hosted,,GPU ").runner().labels())
                .containsExactly("gpu", "self-hosted");
        assertRefused("ORCHESTRATOR_RUNNER_LABELS=',,' has no labels", "ORCHESTRATOR_RUNNER_LABELS", ",,");
        assertRefused("ORCHESTRATOR_RUNNER_LABELS='gpu,big box' has a label with spaces: 'big box'",
                "ORCHESTRATOR_RUNNER_LABELS", "gpu,big box");
    }

    @Test
    void namesRunnersAfterTheInstance() {
        assertThat(load("ORCHESTRATOR_INSTANCE_ID", "ci-7").runner().namePrefix()).isEqualTo("ci-7");
        assertThat(load("ORCHESTRATOR_RUNNER_PREFIX", "team-a").runner().namePrefix()).isEqualTo("team-a");
        assertThat(RunnerConfigReader.derivePrefix("__X__")).isEqualTo("x");
        assertThat(RunnerConfigReader.derivePrefix("...")).isEqualTo("runner");
        assertThat(RunnerConfigReader.derivePrefix("a".repeat(39) + "-b")).isEqualTo("a".repeat(39));
        assertRefused("ORCHESTRATOR_RUNNER_PREFIX='Team_A' must be lowercase letters, digits and inner '-' (at most 40)",
                "ORCHESTRATOR_RUNNER_PREFIX", "Team_A");
        assertRefused("ORCHESTRATOR_INSTANCE_ID='a b' must be letters, digits, '.', '_' or '-' (at most 63)",
                "ORCHESTRATOR_INSTANCE_ID", "a b");
    }

    @Test
    void picksTheBackendByName() {
        assertThat(load().backend().describe().backend()).isEqualTo("docker");
        assertThat(load("ORCHESTRATOR_BACKEND", "Docker").backend().describe().backend()).isEqualTo("docker");
        assertRefused("ORCHESTRATOR_BACKEND='nomad' must be one of docker", "ORCHESTRATOR_BACKEND", "nomad");
        assertThatThrownBy(() -> new ConfigLoader(() -> "h", new BackendProviders(List.of())).load(env(), false))
                .isInstanceOf(ConfigException.class).hasMessage("ORCHESTRATOR_BACKEND='docker': this build has no runner backend");
    }

    @Test
    void scaleSetModeNamesItsSetAndGivesRunnersItsLabels() {
        assertThat(load().demand().mode()).as("default").isEqualTo(DemandSettings.Mode.REST);
        OrchestratorConfig config = load("ORCHESTRATOR_DEMAND", "scaleset");

        assertThat(config.demand().scaleSet()).isTrue();
        assertThat(config.demand().scaleSetName()).as("the runner name prefix").isEqualTo("build-host-example-com");
        assertThat(config.demand().runnerGroup()).isEqualTo("Default");
        assertThat(config.runner().labels()).as("what runs-on names to reach the set").containsExactly("build-host-example-com");
        OrchestratorConfig named = load("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_SCALESET_NAME", "linux-big",
                "ORCHESTRATOR_RUNNER_GROUP", "ci", "ORCHESTRATOR_RUNNER_LABELS", "linux-big,gpu");
        assertThat(named.demand().runnerGroup()).isEqualTo("ci");
        assertThat(named.runner().labels()).containsExactly("linux-big", "gpu");
        assertRefused("ORCHESTRATOR_DEMAND='webhook' must be one of rest, scaleset", "ORCHESTRATOR_DEMAND", "webhook");
        assertRefusedNaming("ORCHESTRATOR_SCALESET_NAME", "no spaces");
        assertThatThrownBy(() -> load("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_RUNNER_MODE", "token"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ORCHESTRATOR_RUNNER_MODE=token does not go");
    }

    @Test
    void readsContainerLimits() {
        OrchestratorConfig config = load("ORCHESTRATOR_RUNNER_CPUS", "1.5", "ORCHESTRATOR_RUNNER_MEMORY", "512m");

        assertThat(settings(config).nanoCpus()).contains(1_500_000_000L);
        assertThat(settings(config).memoryBytes()).contains(512L << 20);
        assertThat(settings(load("ORCHESTRATOR_RUNNER_MEMORY", "4g")).memoryBytes()).contains(4L << 30);
        assertThat(settings(load("ORCHESTRATOR_RUNNER_CPUS", "2")).nanoCpus()).contains(2_000_000_000L);
        assertRefusedNaming("ORCHESTRATOR_RUNNER_CPUS", "two");
        assertRefusedNaming("ORCHESTRATOR_RUNNER_CPUS", "0");
        assertRefusedNaming("ORCHESTRATOR_RUNNER_MEMORY", "lots");
        assertRefusedNaming("ORCHESTRATOR_RUNNER_MEMORY", "1m");
        assertThat(settings(load("ORCHESTRATOR_RUNNER_PIDS", "512")).pidsLimit()).contains(512L);
        assertRefusedNaming("ORCHESTRATOR_RUNNER_PIDS", "many");
        assertRefusedNaming("ORCHESTRATOR_RUNNER_PIDS", "10");
    }

    @Test
    void defaultLimitsOnASmallHostStayUsable() {
        ConfigLoader small = new ConfigLoader(() -> "h", dockerOn(new HostCapacity(1, 256L << 20)));

        OrchestratorConfig config = small.load(env(), false);

        assertThat(settings(config).nanoCpus()).contains(1_000_000_000L);
        assertThat(settings(config).memoryBytes()).contains(192L << 20);
    }

    @Test
    void warnsOfRiskySettingsWithoutShowingSecrets() {
        OrchestratorConfig safe = load("WEBHOOK_SECRET", "whsec-0123456789", "API_TOKEN", "api-tok-0123456789");
        assertThat(SecurityWarnings.of(safe)).isEmpty();

        List<String> warnings = SecurityWarnings.of(load("ORCHESTRATOR_RUNNER_DOCKER", "dind",
                "GITHUB_API_URL", "http://ghes.example.com/api/v3"));

        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("ORCHESTRATOR_RUNNER_DOCKER=dind: privileged"))
                .anySatisfy(w -> assertThat(w).startsWith("API_TOKEN is not set"))
                .anySatisfy(w -> assertThat(w).startsWith("WEBHOOK_SECRET is not set"))
                .anySatisfy(w -> assertThat(w).startsWith("GITHUB_API_URL is plain http (ghes.example.com)"))
                .noneSatisfy(w -> assertThat(w).contains(TOKEN));
        assertThat(SecurityWarnings.of(load("ORCHESTRATOR_RUNNER_DOCKER", "socket", "WEBHOOK_SECRET", "whsec-0123456789",
                "API_TOKEN", "api-tok-0123456789", "GITHUB_API_URL", "http://127.0.0.1:9999")))
                .singleElement().satisfies(w -> assertThat(w).startsWith("ORCHESTRATOR_RUNNER_DOCKER=socket: the host's Docker socket"));
    }

    @Test
    void readsHowRunnersReachDockerAndRegister() {
        OrchestratorConfig config = load("ORCHESTRATOR_RUNNER_DOCKER", "Socket", "ORCHESTRATOR_RUNNER_MODE", "token",
                "ORCHESTRATOR_RUNNER_NETWORK", "host", "DOCKER_HOST", "tcp://127.0.0.1:2375");

        assertThat(settings(config).dockerAccess()).isEqualTo(DockerAccess.SOCKET);
        assertThat(settings(config).network()).isEqualTo("host");
        assertThat(config.runner().mode()).isEqualTo(RegistrationMode.TOKEN);
        assertThat(config.runner().command()).isEmpty();
        assertThat(setup(config).dockerHost()).contains("tcp://127.0.0.1:2375");
        assertThat(load("ORCHESTRATOR_RUNNER_COMMAND", "/bin/sh  /start.sh --once").runner().command())
                .containsExactly("/bin/sh", "/start.sh", "--once");
        assertRefusedNaming("ORCHESTRATOR_RUNNER_DOCKER", "podman");
        assertRefused("ORCHESTRATOR_RUNNER_MODE='pat' must be one of jit, token", "ORCHESTRATOR_RUNNER_MODE", "pat");
        assertRefused("DOCKER_HOST='/var/run/docker.sock' must look like unix:///var/run/docker.sock or tcp://host:2375",
                "DOCKER_HOST", "/var/run/docker.sock");
    }

    @Test
    void readsTheHttpSide() {
        OrchestratorConfig config = load("PORT", "9090", "WEBHOOK_SECRET", "whsec", "API_TOKEN", "api-tok",
                "REDIS_URL", "redis://127.0.0.1:6379");

        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.http().webhookSecret().map(Secret::reveal)).isEqualTo(Optional.of("whsec"));
        assertThat(config.http().apiToken().map(Secret::reveal)).isEqualTo(Optional.of("api-tok"));
        assertThat(config.redisUrl().map(Secret::reveal)).isEqualTo(Optional.of("redis://127.0.0.1:6379"));
        assertRefused("PORT=70000 must be at most 65535", "PORT", "70000");
    }

    @Test
    void readsTheOptionalReadTokenAsOneWord() {
        assertThat(load().http().apiReadToken()).isEmpty();
        assertThat(load("API_READ_TOKEN", "read-tok").http().apiReadToken().map(Secret::reveal))
                .isEqualTo(Optional.of("read-tok"));
        assertRefused("API_READ_TOKEN must not contain spaces or control characters (value not shown)",
                "API_READ_TOKEN", "two words");
    }

    @Test
    void refusesABadRedisUrlWithoutShowingIt() {
        assertRefused("REDIS_URL must start with redis:// or rediss:// (value not shown: it may hold a password)",
                "REDIS_URL", "http://:hunter2@127.0.0.1");
    }

    @Test
    void readsTheClusterTtl() {
        assertThat(load().clusterTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(load("ORCHESTRATOR_CLUSTER_TTL", "4s").clusterTtl()).isEqualTo(Duration.ofSeconds(4));
        assertRefused("ORCHESTRATOR_CLUSTER_TTL=500ms must be at least 1s", "ORCHESTRATOR_CLUSTER_TTL", "500ms");
    }

    @Test
    void neverPrintsASecret() {
        OrchestratorConfig config = load("WEBHOOK_SECRET", "whsec-XYZ", "API_TOKEN", "api-XYZ",
                "REDIS_URL", "redis://:pw-XYZ@127.0.0.1:6379");

        assertThat(config.toString()).doesNotContain(TOKEN, "whsec-XYZ", "api-XYZ", "pw-XYZ").contains("[redacted]");
    }

    @Test
    void showsAtMostOneShortLineOfABadValue() {
        assertThatThrownBy(() -> load("MAX_RUNNERS", "1\n2" + "x".repeat(100)))
                .hasMessage("MAX_RUNNERS='1?2" + "x".repeat(57) + "...' is not a whole number");
    }

    @Test
    void treatsBlankAsUnset() {
        assertThat(load("MAX_RUNNERS", "", "LOG_LEVEL", " ").scaling().maxRunners()).isEqualTo(10);
    }

    @Test
    void defaultsTheInstanceIdToTheHostName() {
        assertThat(new ConfigLoader(() -> "node 1!").load(env(), false).instanceId()).isEqualTo("node-1-");
        assertThat(load().runner().labels()).isEqualTo(List.of("self-hosted", "linux", "x64"));
    }
}
