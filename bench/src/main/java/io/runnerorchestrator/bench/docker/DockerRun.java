package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.adapter.docker.DockerClientFactory;
import io.runnerorchestrator.adapter.docker.DockerRunnerBackend;
import io.runnerorchestrator.adapter.docker.DockerRunnerSettings;
import io.runnerorchestrator.adapter.github.GitHubApiSettings;
import io.runnerorchestrator.adapter.github.HttpGitHub;
import io.runnerorchestrator.adapter.github.PersonalAccessToken;
import io.runnerorchestrator.adapter.github.PassCostPacing;
import io.runnerorchestrator.adapter.swarm.SwarmClientFactory;
import io.runnerorchestrator.adapter.swarm.SwarmRunnerBackend;
import io.runnerorchestrator.adapter.swarm.SwarmSettings;
import io.runnerorchestrator.bench.Mode;
import io.runnerorchestrator.bench.RunSetup;
import io.runnerorchestrator.bench.measure.HeapProbe;
import io.runnerorchestrator.bench.measure.RunRecord;
import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.TraceRun;
import io.runnerorchestrator.core.GitHubNews;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.RunnerSettings;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.githubsim.GitHubSimulator;
import io.runnerorchestrator.githubsim.SimConfig;
import io.runnerorchestrator.githubsim.SimState;
import io.runnerorchestrator.githubsim.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run on real Docker: an embedded github-sim, the real HttpGitHub and DockerRunnerBackend (the
 * fake runner image, host network, no Docker access, a fresh instance id), or the SwarmRunnerBackend
 * on the swarm {@link DockerOptions#swarmHost()} names (the same image and network, no limits), the core's Reconciler and
 * ReconcileLoop, in webhook mode the sim's webhooks to a receiver that asks for passes, and in scale-set
 * mode the scale set's listener and port over the sim's Actions service ({@link DockerScaleSet}). The trace
 * is replayed in real time once the pool is warm; the run ends when every job is done and the pool,
 * one poll interval later, has sat idle for {@link RunSetup#idleTail()}. Every container of the instance is removed at
 * the end, also when the run fails.
 */
public final class DockerRun {
    private static final Logger log = LoggerFactory.getLogger(DockerRun.class);
    private static final String REPOSITORY = "bench/app";
    private static final String TOKEN = "ghp_bench";
    private static final List<String> JOB_LABELS = List.of("self-hosted", "linux");

    private final RunSetup setup;
    private final DockerOptions options;
    private final Clock clock = Clock.systemUTC();
    private final String instanceId = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));

    public DockerRun(RunSetup setup, DockerOptions options) {
        this.setup = setup;
        this.options = options;
    }

    /** The value of the runner-orchestrator.instance label on this run's containers. */
    public String instanceId() {
        return instanceId;
    }

    public RunRecord run() {
        long wallStart = System.nanoTime();
        long heapBaseline = HeapProbe.liveBytes();
        try (GitHubSimulator sim = GitHubSimulator.start(SimConfig.builder().token(TOKEN).repository(REPOSITORY)
                .offlineAfter(Duration.ofSeconds(5)).build());
             RunnerBackend runners = openBackend()) {
            Thread cleanup = new Thread(() -> removeAll(runners), "bench-docker-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return replay(sim, new RecordingBackend(runners, clock), wallStart, heapBaseline);
            } finally {
                removeAll(runners);
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    private RunnerBackend openBackend() {
        if (options.swarmHost().isPresent()) {
            String host = options.swarmHost().get();
            return new SwarmRunnerBackend(SwarmClientFactory.create(Optional.of(host)), new SwarmSettings(instanceId,
                    options.image(), "host", Optional.empty(), Optional.empty(), List.of()), host);
        }
        return new DockerRunnerBackend(DockerClientFactory.fromEnvironment(), new DockerRunnerSettings(instanceId,
                options.image(), "host", DockerRunnerSettings.DockerAccess.NONE, Optional.empty(), Optional.empty()));
    }

    private RunRecord replay(GitHubSimulator sim, RecordingBackend backend, long wallStart, long heapBaseline) {
        RequestLog requests = new RequestLog();
        PassMetrics metrics = new PassMetrics();
        GitHubScope scope = GitHubScope.ofRepository(REPOSITORY);
        HttpGitHub github = new HttpGitHub(GitHubApiSettings.defaults(URI.create(sim.baseUrl()), scope),
                new PersonalAccessToken(TOKEN), requests, clock);
        boolean scaleSetMode = setup.mode() == Mode.SCALESET;
        Duration poll = setup.scaling().pollInterval();
        ScheduledExecutorService pushes = Executors.newSingleThreadScheduledExecutor();
        Instant loopStart = clock.instant();
        try (DockerScaleSet scaleSet = new DockerScaleSet(sim.baseUrl(), scope, github, scaleSetName(),
                setup.scaling().maxRunners(), clock)) {
            Reconciler reconciler = new Reconciler(setup.policy().settings(setup.scaling()), setup.policy().rules(),
                    runnerSettings(sim.baseUrl()), scaleSetMode ? scaleSet.port(github) : github, backend,
                    new LocalCoordinator(clock), metrics, clock,
                    scaleSetMode ? GitHubNews.MESSAGE_STREAM : GitHubNews.WEBHOOKS);
            ReconcileLoop loop = new ReconcileLoop(reconciler, poll, new PassCostPacing(poll, clock));
            try (WebhookTrigger hooks = new WebhookTrigger(loop, reconciler.queueHints())) {
                if (setup.mode() == Mode.WEBHOOK) {
                    sim.webhooks(hooks.uri(), "bench-secret");
                }
                if (scaleSetMode) {
                    // As the app: the listener starts before the loop, and is closed after it.
                    scaleSet.start(reconciler.queueHints(), reconciler.jobAssignments(), loop);
                }
                loop.start();
                Waits.until("the warm pool of " + warmSize() + " idle runners", options.warmTimeout(),
                        () -> idleOnline(sim.state()) >= warmSize() && (!scaleSetMode || scaleSet.ready()));
                Instant traceStart = clock.instant();
                SimState.Requests actionsAtStart = sim.state().actionsRequests();
                for (TraceRun run : setup.trace().runs()) {
                    pushes.schedule(() -> enqueue(sim, run), run.at().toMillis(), TimeUnit.MILLISECONDS);
                }
                int jobs = setup.trace().jobCount();
                Waits.until(jobs + " jobs done", setup.trace().span().plus(options.jobTimeout()),
                        () -> sim.state().jobsWithStatus("completed").size() == jobs);
                Instant lastDone = clock.instant();
                // What an idle pool costs is measured once the passes the last jobs triggered are over.
                Instant idleFrom = lastDone.plus(poll);
                Waits.sleep(Duration.between(lastDone, idleFrom));
                SimState.Requests actionsAtIdle = sim.state().actionsRequests();
                Waits.sleep(setup.idleTail());
                SimState state = sim.state();
                long heap = Math.max(0, HeapProbe.liveBytes() - heapBaseline);
                Instant end = clock.instant();
                Instant spanEnd = traceStart.plus(setup.trace().span());
                Instant windowEnd = lastDone.isAfter(spanEnd) ? lastDone : spanEnd;
                return DockerRecords.of(setup, backend.name(), traceStart, windowEnd, idleFrom, end, state,
                        backend.started(), requests,
                        DockerRecords.actions(actionsAtStart, actionsAtIdle, state.actionsRequests()), metrics,
                        heap, Duration.between(loopStart, end), Duration.ofNanos(System.nanoTime() - wallStart));
            } finally {
                pushes.shutdownNow();
                loop.shutdown(Duration.ofSeconds(20));
            }
        }
    }

    private void enqueue(GitHubSimulator sim, TraceRun run) {
        Workload workload = Workload.jobs(REPOSITORY, run.jobs()).labels(jobLabels()).duration(run.duration());
        sim.enqueue(run.jobs() > 1 ? workload.matrix() : workload);
    }

    private int warmSize() {
        return setup.policy() == BenchPolicy.STATIC ? setup.scaling().maxRunners() : setup.scaling().minRunners();
    }

    private static long idleOnline(SimState state) {
        return state.runners().stream().filter(r -> "online".equals(r.status()) && !r.busy()).count();
    }

    /** A scale set's jobs name it in {@code runs-on}; its runners carry that label (as the app configures them). */
    private List<String> jobLabels() {
        return setup.mode() == Mode.SCALESET ? List.of(scaleSetName()) : JOB_LABELS;
    }

    private String scaleSetName() {
        return instanceId;
    }

    private RunnerSettings runnerSettings(String simUrl) {
        List<String> labels = setup.mode() == Mode.SCALESET ? List.of(scaleSetName()) : List.of();
        return new RunnerSettings(instanceId, labels, RunnerSettings.RegistrationMode.JIT, 1, List.of(), "_work",
                GitHubScope.ofRepository(REPOSITORY), simUrl);
    }

    /** Only this instance's containers (or services): the backend lists and removes nothing else. */
    private void removeAll(RunnerBackend backend) {
        try {
            backend.list().forEach(instance -> backend.remove(instance.name()));
        } catch (RuntimeException e) {
            log.warn("bench.cleanup.failed instance={} error={}", instanceId, e.toString());
        }
    }
}
