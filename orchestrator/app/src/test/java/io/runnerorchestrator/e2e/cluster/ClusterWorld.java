package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.testkit.RedisServerProcess;
import io.runnerorchestrator.e2e.E2eDocker;
import io.runnerorchestrator.e2e.JarEnvironment;
import io.runnerorchestrator.e2e.OrchestratorProcess;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One cluster per test: a redis-server of its own on a free port, a GitHub simulator, and several
 * orchestrator jars (each with its own instance id and runner prefix) on one Docker engine: the
 * shared one, or one of the test's own ({@link io.runnerorchestrator.e2e.PrivateDockerd}) when a
 * test restarts it. {@link #close()} kills what still runs and removes the containers of these
 * instance ids only.
 */
final class ClusterWorld implements AutoCloseable {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final String TOKEN = "ghp_e2eClusterToken";
    static final String REPO = "acme/app";
    private static final String WEBHOOK_SECRET = "e2e-cluster-webhook-secret";
    /** Far above what the passes of three instances use in a test: pacing is not under test here. */
    private static final int RATE_LIMIT = 1_000_000;
    private static final Path LOGS = Path.of("target", "e2e-logs");

    private final GitHubSimulator sim;
    private final RedisServerProcess redis;
    private final E2eDocker docker;
    /** DOCKER_HOST of the jars; null: the one this test process has. */
    private final String dockerHost;
    private final List<String> ids;
    private final ClusterContainers containers;
    private final Map<String, OrchestratorProcess> running = new LinkedHashMap<>();
    private final List<OrchestratorProcess> all = new ArrayList<>();

    private ClusterWorld(GitHubSimulator sim, RedisServerProcess redis, List<String> ids, String dockerHost) {
        this.sim = sim;
        this.redis = redis;
        this.dockerHost = dockerHost;
        this.docker = dockerHost == null ? new E2eDocker() : new E2eDocker(dockerHost);
        this.ids = List.copyOf(ids);
        this.containers = new ClusterContainers(docker, Set.copyOf(ids));
    }

    /** @param test a short name for the instance ids and log files */
    static ClusterWorld create(String test, int instances) throws IOException {
        return create(test, instances, null);
    }

    /**
     * @param dockerHost the engine of the jars' runner containers (which must hold their image); null
     *                   for the one this test process uses
     */
    static ClusterWorld create(String test, int instances, String dockerHost) throws IOException {
        E2eDocker.buildFakeRunnerImage();
        String base = "e2e-" + test.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6);
        RedisServerProcess redis = RedisServerProcess.startOnFreePort();
        GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN)
                .repository(REPO).rateLimit(RATE_LIMIT).build());
        return new ClusterWorld(sim, redis, IntStream.rangeClosed(1, instances).mapToObj(n -> base + "-" + n).toList(),
                dockerHost);
    }

    List<String> ids() {
        return ids;
    }

    GitHubSimulator sim() {
        return sim;
    }

    RedisServerProcess redis() {
        return redis;
    }

    ClusterContainers containers() {
        return containers;
    }

    E2eDocker docker() {
        return docker;
    }

    OrchestratorProcess process(String id) {
        return running.get(id);
    }

    /** Starts every instance with the same settings, one after the other (CPU is short here). */
    void startAll(Map<String, String> settings) {
        ids.forEach(id -> start(id, settings));
        // Any instance may receive the webhooks: the first one does.
        sim.clearWebhooks();
        sim.webhooks(URI.create("http://127.0.0.1:" + running.get(ids.get(0)).port() + "/api/v1/webhook"),
                WEBHOOK_SECRET);
    }

    /** Webhooks go to this instance from now on (after it was restarted on a new port, say). */
    void pointWebhooksAt(String id) {
        sim.clearWebhooks();
        sim.webhooks(URI.create("http://127.0.0.1:" + running.get(id).port() + "/api/v1/webhook"), WEBHOOK_SECRET);
    }

    void start(String id, Map<String, String> settings) {
        Path log = LOGS.resolve(id + "-" + UUID.randomUUID().toString().substring(0, 4) + ".log");
        try {
            Files.createDirectories(LOGS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + LOGS, e);
        }
        OrchestratorProcess process = OrchestratorProcess.start(environment(id, settings), log);
        synchronized (this) {
            running.put(id, process);
            all.add(process);
        }
    }

    /** SIGKILL: the instance stops heartbeating at once, as a crash or a lost host. */
    synchronized void kill(String id) {
        running.remove(id).kill();
    }

    synchronized List<OrchestratorProcess> alive() {
        return running.values().stream().filter(OrchestratorProcess::isAlive).toList();
    }

    List<Long> enqueue(int count, Duration duration) {
        return enqueue(count, duration, "self-hosted", "linux");
    }

    List<Long> enqueue(int count, Duration duration, String... labels) {
        return sim.enqueue(Workload.jobs(REPO, count).labels(labels).duration(duration));
    }

    /** The simulator's runners named by this instance. */
    List<SimState.Runner> runnersOf(String id) {
        return sim.state().runners().stream().filter(r -> r.name().startsWith(id + "-")).toList();
    }

    private Map<String, String> environment(String id, Map<String, String> settings) {
        Map<String, String> env = JarEnvironment.againstSimulator(sim.baseUrl(), TOKEN, REPO, WEBHOOK_SECRET, id,
                POLL_INTERVAL);
        env.put("REDIS_URL", redis.url());
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        env.putAll(settings);
        return env;
    }

    @Override
    public void close() throws Exception {
        all.forEach(OrchestratorProcess::close);
        containers.close();
        ids.forEach(docker::removeAll);
        docker.close();
        sim.close();
        redis.close();
    }
}
