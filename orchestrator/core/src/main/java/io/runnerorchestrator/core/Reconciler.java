package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One reconcile pass: observe (our containers, our GitHub runners, the queue), decide
 * ({@link ScalingPolicy} unless another {@link DecisionPolicy} is given; pure), act
 * ({@link DecisionExecutor}), and record the {@link ReconcileSnapshot}. Level-triggered: every pass
 * rebuilds the picture, so a new instance over the same Docker and GitHub adopts what it finds. A
 * pass that cannot see everything acts on nothing.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** After a 401 GitHub is asked again only this often: repeated bad credentials can get a client blocked. */
    public static final Duration UNAUTHORIZED_RETRY = Duration.ofMinutes(5);

    private final ScalingSettings scaling;
    private final DecisionPolicy policy;
    private final GitHub github;
    private final RunnerBackend backend;
    private final RunnerNamer namer;
    private final LabelMatcher labels;
    private final RunnerTracker tracker;
    private final StartFailureBackoff backoff = new StartFailureBackoff(StartFailureBackoff.DEFAULT_BASE,
            StartFailureBackoff.DEFAULT_CAP);
    private final Coordinator coordinator;
    private final JobClaims claims;
    private final DecisionExecutor executor;
    private final JobAssignments jobs = new JobAssignments();
    private final ArrivalForecast arrivals = new ArrivalForecast();
    private final QueueHints hints = new QueueHints();
    private final GitHubPicture picture;
    private final StartPool startPool;
    private final OrchestratorMetrics metrics;
    private final Clock clock;
    private final PassFailures failures;
    private volatile ReconcileSnapshot snapshot;
    private long passes;

    public Reconciler(ScalingSettings scaling, RunnerSettings runners, GitHub github, RunnerBackend backend,
                      Coordinator coordinator, OrchestratorMetrics metrics, Clock clock) {
        this(scaling, DecisionPolicy.SCALING_POLICY, runners, github, backend, coordinator, metrics, clock);
    }

    /** With other scaling rules than {@link ScalingPolicy}'s (the benchmark compares some). */
    public Reconciler(ScalingSettings scaling, DecisionPolicy policy, RunnerSettings runners, GitHub github,
                      RunnerBackend backend, Coordinator coordinator, OrchestratorMetrics metrics, Clock clock) {
        this(scaling, policy, runners, github, backend, coordinator, metrics, clock, GitHubNews.WEBHOOKS);
    }

    /** @param news how passes between full looks at GitHub learn what changed there */
    public Reconciler(ScalingSettings scaling, DecisionPolicy policy, RunnerSettings runners, GitHub github,
                      RunnerBackend backend, Coordinator coordinator, OrchestratorMetrics metrics, Clock clock,
                      GitHubNews news) {
        this.scaling = scaling;
        this.policy = policy;
        this.github = github;
        this.backend = backend;
        this.namer = new RunnerNamer(runners.namePrefix(), new SecureRandom());
        this.labels = new LabelMatcher(runners.labels());
        this.tracker = new RunnerTracker(scaling.bootTimeout(), clock.instant());
        this.metrics = metrics;
        this.clock = clock;
        this.coordinator = coordinator;
        RunnerProvisioner provisioner = new RunnerProvisioner(runners, labels, github, namer, clock);
        this.startPool = new StartPool(scaling.startConcurrency());
        // Unless given back, a claim outlives the boot of the runner started for it.
        this.claims = new JobClaims(coordinator, scaling.bootTimeout().plus(scaling.pollInterval()));
        this.executor = new DecisionExecutor(github, backend, provisioner, claims, backoff, metrics, clock, startPool);
        this.failures = new PassFailures(UNAUTHORIZED_RETRY, scaling.pollInterval());
        this.picture = new GitHubPicture(github, hints, news, scaling.pollInterval(), scaling.bootTimeout());
        this.snapshot = ReconcileSnapshot.initial(scaling, clock.instant());
    }

    /** Observe, decide, act. Never throws for GitHub or backend failures: they end up in the snapshot. */
    public synchronized ReconcileSnapshot reconcileOnce() {
        Instant start = clock.instant();
        long pass = ++passes;
        if (snapshot.shuttingDown()) {
            return snapshot;
        }
        Optional<ReconcileProblem> quiet = failures.quietAt(start);
        if (quiet.isPresent()) {
            snapshot = snapshot.failed(pass, start, Duration.ZERO, quiet.get(), backoff.status());
            metrics.reconciled(Duration.ZERO, "paused");
            return snapshot;
        }
        Observation observation;
        try {
            observation = observe(start);
        } catch (GitHubException e) {
            picture.invalidate();
            return failedPass(pass, start, failures.record(e, start), "github_error");
        } catch (RunnerBackendException e) {
            return failedPass(pass, start, failures.record(e), "backend_error");
        }
        // In a cluster MIN, MAX and the queue are shared: this pass decides within this instance's part.
        ClusterPart part = ClusterPart.of(coordinator, scaling, observation);
        Decision decision = part.explain(policy.decide(part.scaling(), part.observation(), start));
        logDecision(pass, part, decision);
        Optional<ReconcileProblem> problem = Optional.empty();
        try {
            tellPicture(executor.execute(decision, part.slots(), Instant.MAX), start);
        } catch (GitHubException e) {
            picture.invalidate();
            problem = Optional.of(failures.record(e, start));
        }
        Duration took = Duration.between(start, clock.instant());
        snapshot = ReconcileSnapshot.of(pass, start, took, observation, decision, scaling, backoff.status(), problem,
                false);
        metrics.reconciled(took, problem.isPresent() ? "github_error" : "ok");
        return snapshot;
    }

    /**
     * Graceful shutdown: no more provisioning; idle and booting runners are unregistered and removed,
     * busy ones are left to finish their job. Begins nothing after {@code budget}.
     */
    public synchronized void shutdown(Duration budget) {
        Instant start = clock.instant();
        snapshot = snapshot.asShuttingDown();
        startPool.close(); // the shutdown starts nothing
        Observation observation;
        try {
            observation = observeFully(start);
        } catch (GitHubException | RunnerBackendException e) {
            log.warn("shutdown.observe_failed error={} action=leave_runners_for_next_start", e.getMessage());
            return;
        }
        Decision decision = ScalingPolicy.decideShutdown(observation);
        log.info("shutdown.decision {}", decision);
        try {
            executor.execute(decision, new StartSlots(coordinator, observation.liveContainers(), scaling.maxRunners()),
                    start.plus(budget));
        } catch (GitHubException e) {
            log.warn("shutdown.act_failed kind={} error={}", e.kind(), e.getMessage());
        }
        Duration took = Duration.between(start, clock.instant());
        snapshot = ReconcileSnapshot.of(++passes, start, took, observation, decision, scaling, backoff.status(),
                Optional.empty(), true);
        log.info("shutdown.done busy_left={} took_ms={}", observation.count(RunnerState.BUSY), took.toMillis());
    }

    /**
     * Runs a manual command serialized with the passes, on a fresh look at Docker and GitHub and this
     * instance's part of the cluster, so it acts on the world as it is now and never races a pass.
     * Throws {@link ManualScalingException} when the orchestrator cannot act now.
     */
    synchronized <T> T command(BiFunction<ClusterPart, DecisionExecutor, T> command) {
        Instant now = clock.instant();
        if (snapshot.shuttingDown()) {
            throw new ManualScalingException(ManualScalingException.Kind.UNAVAILABLE, "the orchestrator is shutting down");
        }
        Optional<ReconcileProblem> quiet = failures.quietAt(now);
        if (quiet.isPresent()) {
            throw new ManualScalingException(ManualScalingException.Kind.UNAVAILABLE,
                    quiet.get().waitReason().describe() + ": " + quiet.get().message());
        }
        try {
            return command.apply(ClusterPart.of(coordinator, scaling, observeFully(now)), executor);
        } catch (GitHubException e) {
            ReconcileProblem problem = failures.record(e, now);
            throw new ManualScalingException(ManualScalingException.Kind.UNAVAILABLE,
                    problem.waitReason().describe() + ": " + e.getMessage());
        } catch (RunnerBackendException e) {
            throw new ManualScalingException(ManualScalingException.Kind.UNAVAILABLE,
                    failures.record(e).waitReason().describe() + ": " + e.getMessage());
        } finally {
            // the command's starts and removals are not in the picture: the next pass reads GitHub afresh
            picture.invalidate();
        }
    }

    /** Failed starts as of now; read under the lock of {@link #command}. */
    BackoffStatus backoffStatus() {
        return backoff.status();
    }

    public ReconcileSnapshot snapshot() {
        return snapshot;
    }

    /** For pacing: GitHub's last reported budget (no request of its own). */
    public RateLimitStatus rateLimit() {
        return github.rateLimit();
    }

    /** Where webhooks report which runner took which job (status, and idle runners are confirmed idle). */
    public JobAssignments jobAssignments() {
        return jobs;
    }

    /** Where webhooks report what changed in the queue, so the passes they trigger need not ask GitHub. */
    public QueueHints queueHints() {
        return hints;
    }

    private ReconcileSnapshot failedPass(long pass, Instant start, ReconcileProblem problem, String outcome) {
        Duration took = Duration.between(start, clock.instant());
        snapshot = snapshot.failed(pass, start, took, problem, backoff.status());
        metrics.reconciled(took, outcome);
        return snapshot;
    }

    /** What the pass did to runners, which the picture keeps until GitHub's list is read again. */
    private void tellPicture(DecisionExecutor.Executed executed, Instant at) {
        executed.registered().forEach(runner -> picture.registered(runner, at));
        Set<String> registered = executed.registered().stream().map(GitHubRunner::name).collect(Collectors.toSet());
        executed.started().stream().filter(name -> !registered.contains(name))
                .forEach(name -> picture.awaitsRegistration(name, at));
        executed.removals().forEach((name, outcome) -> {
            switch (outcome) {
                case REMOVED -> picture.unregistered(name);
                case KEPT_BUSY, KEPT_ONLINE -> picture.doubted();
                default -> {
                }
            }
        });
    }

    private Observation observe(Instant now) {
        Set<String> deadPrefixes = coordinator.deadPeerPrefixes();
        GitHubPicture.Seen github = picture.look(now, ours(deadPrefixes), !deadPrefixes.isEmpty());
        if (github.fresh() && !deadPrefixes.isEmpty()) {
            coordinator.deadPeerRunners(onlineByPrefix(github.runners(), deadPrefixes));
        }
        return observe(now, github);
    }

    /** Per dead member's prefix, its registrations GitHub shows online: containers still running somewhere. */
    private static Map<String, Integer> onlineByPrefix(List<GitHubRunner> registrations, Set<String> prefixes) {
        Map<String, Integer> online = new HashMap<>();
        for (String prefix : prefixes) {
            online.put(prefix, (int) registrations.stream()
                    .filter(r -> r.online() && RunnerNamer.named(r.name(), prefix)).count());
        }
        return online;
    }

    /** Manual commands and the shutdown act on what GitHub says now, never on hints. */
    private Observation observeFully(Instant now) {
        picture.invalidate();
        return observe(now);
    }

    private Observation observe(Instant now, GitHubPicture.Seen github) {
        List<RunnerInstance> instances = backend.list();
        List<QueuedJob> queued = github.queued();
        Set<String> live = instances.stream().filter(i -> !i.gone()).map(RunnerInstance::name)
                .collect(Collectors.toSet());
        List<GitHubRunner> registrations = github.registrations(live);
        github.running().forEach(jobs::jobStarted);
        RunnerTracker.Tracked tracked = tracker.track(instances, registrations, jobs::jobOf, now, github.current());
        jobs.retainOnly(tracked.runners().stream().map(RunnerView::name).toList());
        claims.settle(tracked.runners());
        tracked.boots().forEach(metrics::runnerBooted);
        tracked.boots().forEach(arrivals::booted);
        if (tracked.cameOnline() > 0) {
            backoff.recordBoot();
        }
        for (int i = 0; i < tracked.jobsStarted(); i++) {
            metrics.jobStarted();
        }
        for (int i = 0; i < tracked.jobsCompleted(); i++) {
            metrics.jobCompleted();
        }
        Map<Boolean, List<QueuedJob>> served = queued.stream().collect(Collectors.partitioningBy(labels::serves));
        arrivals.queued(served.get(true).stream().map(QueuedJob::id).toList(), now);
        Observation observation = new Observation(tracked.runners(), served.get(true), served.get(false),
                backoff.status(), arrivals.expectedWithinBoot(now));
        reportGauges(observation, now);
        return observation;
    }

    /** The decision with its inputs (this instance's part in a cluster), so a log reader sees why. */
    private void logDecision(long pass, ClusterPart part, Decision decision) {
        Observation seen = part.observation();
        ScalingSettings limits = part.scaling();
        Object[] fields = {pass, seen.matchingJobs().size(), seen.unservedJobs().size(),
                seen.count(RunnerState.STARTING), seen.count(RunnerState.IDLE), seen.count(RunnerState.BUSY),
                limits.minRunners(), limits.maxRunners(), limits.scaleUpThreshold(), limits.scaleDownThreshold(),
                decision};
        String format = "reconcile.decision pass={} queued={} unserved={} starting={} idle={} busy={} min={} max={}"
                + " scale_up_threshold={} scale_down_threshold={} {}";
        if (decision.changesNothing()) {
            log.debug(format, fields);
        } else {
            log.info(format, fields);
        }
    }

    /**
     * Our runners, and for the leader also those of dead members: their offline registrations have no
     * owner left to delete them (the policy removes offline orphan registrations and leaves online ones),
     * and their online ones are counted against MAX_RUNNERS for the cluster.
     */
    private Predicate<String> ours(Set<String> deadPrefixes) {
        return name -> namer.owns(name) || deadPrefixes.stream().anyMatch(p -> RunnerNamer.named(name, p));
    }

    private void reportGauges(Observation observation, Instant now) {
        Map<RunnerState, Integer> byState = new EnumMap<>(RunnerState.class);
        for (RunnerState state : RunnerState.values()) {
            byState.put(state, (int) observation.count(state));
        }
        metrics.runners(byState);
        Duration oldest = observation.matchingJobs().stream().map(QueuedJob::createdAt).min(Comparator.naturalOrder())
                .map(created -> Duration.between(created, now)).orElse(Duration.ZERO);
        metrics.queue(observation.matchingJobs().size(), oldest);
    }
}
