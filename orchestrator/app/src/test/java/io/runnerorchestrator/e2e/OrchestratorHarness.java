package io.runnerorchestrator.e2e;

import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.GitHubRequestListener;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One end-to-end world per test: an in-test GitHub simulator, the fake runner image, a unique
 * instance id (and runner prefix), a {@link ContainerWatch} on that instance, and the real jar
 * started against them. {@link #close()} kills what still runs and removes every container with
 * the test's instance label, plus the foreign ones the test made; nothing else.
 */
final class OrchestratorHarness implements AutoCloseable {

    static final String TOKEN = "ghp_e2eSimulatorToken";
    static final String REPO = "acme/app";
    static final String WEBHOOK_SECRET = "e2e-webhook-secret";
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    /**
     * Requests an hour the simulator allows. GitHub's 5,000 would make the orchestrator's pacing
     * stretch 2 s polls (every queued run costs a request per pass); pacing is not under test here.
     */
    static final int RATE_LIMIT = 1_000_000;
    /** The scale-set long poll's wait (the service's ~50 s would only slow a test's shutdown). */
    static final Duration SCALE_SET_POLL_WAIT = Duration.ofSeconds(2);
    private static final Path LOGS = Path.of("target", "e2e-logs");

    private final GitHubSimulator sim;
    private final String instanceId;
    private final E2eDocker docker;
    private final ContainerWatch watch;
    private final List<ContainerWatch> watches = new ArrayList<>();
    private final List<OrchestratorProcess> processes = new ArrayList<>();

    private OrchestratorHarness(GitHubSimulator sim, String instanceId, E2eDocker docker) {
        this.sim = sim;
        this.instanceId = instanceId;
        this.docker = docker;
        this.watch = new ContainerWatch(docker, instanceId);
    }

    /** @param test a short name for the instance id and the log file, e.g. {@code burst} */
    static OrchestratorHarness create(String test) {
        E2eDocker.buildFakeRunnerImage();
        GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository(REPO)
                .rateLimit(RATE_LIMIT).messagePollWait(SCALE_SET_POLL_WAIT).build());
        String id = "e2e-" + test.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new OrchestratorHarness(sim, id, new E2eDocker());
    }

    GitHubSimulator sim() {
        return sim;
    }

    String instanceId() {
        return instanceId;
    }

    /** Runners and containers are named {@code <prefix>-<random>}; here the prefix is the instance id. */
    String prefix() {
        return instanceId;
    }

    E2eDocker docker() {
        return docker;
    }

    /** Watches this instance's containers from the start of the test world. */
    ContainerWatch watch() {
        return watch;
    }

    /** Watches this instance's containers from now on; closed with the harness at the latest. */
    ContainerWatch newWatch() {
        ContainerWatch fresh = new ContainerWatch(docker, instanceId);
        watches.add(fresh);
        return fresh;
    }

    /** What every run gets; {@code overrides} (e.g. MIN_RUNNERS) win. */
    Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = JarEnvironment.againstSimulator(sim.baseUrl(), TOKEN, REPO, WEBHOOK_SECRET, instanceId,
                POLL_INTERVAL);
        env.put("ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "60s");
        env.putAll(overrides);
        return env;
    }

    /** Starts the jar with {@link #environment}, waits until it runs, and points the simulator's webhooks at it. */
    OrchestratorProcess startOrchestrator(Map<String, String> overrides) {
        OrchestratorProcess process = startWithoutWebhooks(overrides);
        sim.webhooks(URI.create("http://127.0.0.1:" + process.port() + "/api/v1/webhook"), WEBHOOK_SECRET);
        return process;
    }

    /** As {@link #startOrchestrator}, with no webhooks: demand comes from polling or a scale set. */
    OrchestratorProcess startWithoutWebhooks(Map<String, String> overrides) {
        Path log = LOGS.resolve(instanceId + "-" + (processes.size() + 1) + ".log");
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + LOGS, e);
        }
        OrchestratorProcess process = OrchestratorProcess.start(environment(overrides), log);
        processes.add(process);
        sim.clearWebhooks();
        return process;
    }

    List<Long> enqueue(int count, Duration duration, String... labels) {
        return sim.enqueue(Workload.jobs(REPO, count).labels(labels).duration(duration));
    }

    /** Registers a runner in the simulator the way the orchestrator does (a JIT config), but starts nothing. */
    void registerRunner(String name) {
        HttpGitHub github = new HttpGitHub(GitHubApiSettings.defaults(URI.create(sim.baseUrl()),
                GitHubScope.ofRepository(REPO)), new PersonalAccessToken(TOKEN), GitHubRequestListener.NOOP,
                Clock.systemUTC());
        github.generateJitConfig(new JitRequest(name, List.of("self-hosted"), 1, "_work"));
    }

    /** This instance's runners as the simulator lists them. */
    List<SimState.Runner> ourRunners() {
        return sim.state().runners().stream().filter(r -> r.name().startsWith(prefix() + "-")).toList();
    }

    /** Reconcile passes so far of the newest orchestrator started, as its status API tells them. */
    long passes() {
        OrchestratorProcess newest = processes.get(processes.size() - 1);
        return new InstanceApi(newest, null).status().path("last_reconcile").path("pass").asLong();
    }

    @Override
    public void close() throws IOException {
        processes.forEach(OrchestratorProcess::close);
        watch.close();
        for (ContainerWatch other : watches) {
            other.close();
        }
        docker.removeAll(instanceId);
        docker.close();
        sim.close();
    }
}
