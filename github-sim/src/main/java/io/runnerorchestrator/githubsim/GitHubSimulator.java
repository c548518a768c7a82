package io.runnerorchestrator.githubsim;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GitHub Actions API simulator on the JDK HTTP server: the REST endpoints an orchestrator uses,
 * {@code workflow_job} webhooks, a runner protocol and a control API under {@code /_sim}.
 * Start it, point a client at {@link #baseUrl()}, queue work with {@link #enqueue(Workload)}.
 */
public final class GitHubSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitHubSimulator.class);
    /** Room for bursts of runners and clients connecting at once. */
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService sweeper;
    private final SimWorld world;
    private final FaultInjector faults;
    private final RequestCounter counter = new RequestCounter();
    private final RequestCounter actionsCounter = new RequestCounter();
    private final ScaleSets scaleSets;
    private final ActionsTokens actionsTokens;
    private final WebhookDispatcher webhooks;
    private final String baseUrl;
    private final String apiUrl;

    private GitHubSimulator(SimConfig config) throws IOException {
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        baseUrl = "http://" + config.host() + ":" + server.getAddress().getPort();
        apiUrl = baseUrl + config.pathPrefix();
        GitHubJson json = new GitHubJson(baseUrl, apiUrl, config.repositories());
        webhooks = new WebhookDispatcher(json);
        scaleSets = new ScaleSets(config.messagePollWait());
        world = new SimWorld(config, JobEvents.both(webhooks, scaleSets));
        world.gate(scaleSets);
        RateLimiter rateLimiter = new RateLimiter(config.rateLimit(), config.clock());
        faults = new FaultInjector(rateLimiter, config.clock());

        AppAuthenticator appAuthenticator = new AppAuthenticator(config.app(), config.clock());
        Router api = new Router();
        new RunnerEndpoints(world, json, baseUrl, apiUrl).register(api);
        new WorkflowEndpoints(world, json, apiUrl).register(api);
        new AppEndpoints(world, appAuthenticator, json, apiUrl, config.repositories()).register(api);
        Router sim = new Router();
        new ControlApi(this).register(sim);
        new RunnerProtocol(world).register(sim);
        // Under a prefix nothing answers at the root but /_sim: a client that drops the prefix gets 404.
        server.createContext(config.pathPrefix() + "/", new ApiGateway(api, config.pathPrefix(), config.tokens(),
                appAuthenticator, rateLimiter, faults, counter));
        server.createContext("/_sim/", new RoutedHandler(sim));
        actionsTokens = new ActionsTokens(config.clock());
        ActionsService actions = new ActionsService(world, scaleSets, actionsTokens, faults, actionsCounter, baseUrl);
        server.createContext(ActionsService.PATH + "/", actions.service());
        server.createContext(config.pathPrefix() + "/actions/runner-registration", actions.registration(config.pathPrefix()));

        // Runners long-poll on server threads, so the pool grows with them.
        httpExecutor = Executors.newCachedThreadPool(daemonThreads("github-sim-http-"));
        server.setExecutor(httpExecutor);
        sweeper = Executors.newSingleThreadScheduledExecutor(daemonThreads("github-sim-sweeper-"));
        long period = Math.max(50, Math.min(1000, config.offlineAfter().toMillis() / 2));
        sweeper.scheduleWithFixedDelay(world::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Binds, starts serving and returns the running simulator. */
    public static GitHubSimulator start(SimConfig config) {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits
        // for the client's delayed ACK (about 40 ms). Read once, when the first server is created.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        try {
            GitHubSimulator simulator = new GitHubSimulator(config);
            simulator.server.start();
            log.info("sim.started url={} api_url={} repositories={}", simulator.baseUrl, simulator.apiUrl,
                    config.repositories());
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("github-sim cannot listen on " + config.host() + ":" + config.port(), e);
        }
    }

    /**
     * {@code http://127.0.0.1:<port>}: the web URL runners register against, and the REST API root
     * unless {@link SimConfig#pathPrefix()} is set.
     */
    public String baseUrl() {
        return baseUrl;
    }

    /** The REST API root: {@link #baseUrl()} followed by the path prefix, e.g. {@code .../api/v3}. */
    public String apiUrl() {
        return apiUrl;
    }

    /** Queues the workload's jobs (one run each, or one run for a matrix); returns their ids. */
    public List<Long> enqueue(Workload workload) {
        return enqueueRuns(workload).jobIds();
    }

    SimWorld.Enqueued enqueueRuns(Workload workload) {
        return world.enqueue(workload);
    }

    public SimState state() {
        return world.state(counter.snapshot(), actionsCounter.snapshot());
    }

    /**
     * Deletes every runner scale set as if on GitHub's side: their sessions end, their scalers get
     * 404 RunnerScaleSetNotFoundException; returns how many there were.
     */
    public int deleteScaleSets() {
        return scaleSets.deleteAll().size();
    }

    /** Ends every scale-set session as if it expired; returns how many there were. */
    public int expireScaleSetSessions() {
        return scaleSets.expireSessions();
    }

    /** The {@code ownerName} of each open scale-set session: who listens now. */
    public List<String> scaleSetSessionOwners() {
        return scaleSets.sessionOwners();
    }

    /** Makes every admin token of the Actions service invalid: scalers must register again. */
    public int expireActionsTokens() {
        return actionsTokens.expireAll();
    }

    /** The names of the runner scale sets that exist now. */
    public List<String> scaleSetNames() {
        return scaleSets.all().stream().map(ScaleSets.ScaleSet::name).toList();
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Delivers every later workflow_job event to {@code target}, signed with {@code secret}. */
    public void webhooks(URI target, String secret) {
        webhooks.subscribe(target, secret);
    }

    public void clearWebhooks() {
        webhooks.unsubscribeAll();
    }

    @Override
    public void close() {
        server.stop(0);
        sweeper.shutdownNow();
        httpExecutor.shutdownNow();
        webhooks.close();
        log.info("sim.stopped url={}", baseUrl);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "GitHubSimulator[" + baseUrl + "]";
    }
}
