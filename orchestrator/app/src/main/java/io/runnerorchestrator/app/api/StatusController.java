package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.RunnerOrchestratorApplication;
import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.app.config.SecurityWarnings;
import io.runnerorchestrator.core.BackoffStatus;
import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.JobWait;
import io.runnerorchestrator.core.PassHealth;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.core.ReconcileProblem;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.Coordinator;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GET /api/v1/status: the pool, the queue and why each job waits, GitHub's budget, the last pass, and
 * the cluster when instances share a queue.
 */
@RestController
public class StatusController {

    public static final String PATH = "/api/v1/status";
    private static final Set<ReconcileProblem.Kind> GITHUB_PROBLEMS = EnumSet.of(
            ReconcileProblem.Kind.GITHUB_UNAUTHORIZED, ReconcileProblem.Kind.GITHUB_RATE_LIMITED,
            ReconcileProblem.Kind.GITHUB_UNREACHABLE);

    private final OrchestratorConfig config;
    private final Reconciler reconciler;
    private final PassHealth passes;
    private final Coordinator coordinator;
    private final Clock clock;
    private final String version = Optional.ofNullable(RunnerOrchestratorApplication.class.getPackage()
            .getImplementationVersion()).orElse("dev");
    private final List<String> securityWarnings;
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    public StatusController(OrchestratorConfig config, Reconciler reconciler, ReconcileLoop loop,
                            Coordinator coordinator, Clock clock) {
        this.config = config;
        this.reconciler = reconciler;
        this.passes = loop.health();
        this.coordinator = coordinator;
        this.clock = clock;
        this.securityWarnings = SecurityWarnings.of(config);
    }

    @Operation(summary = "Pool, queue, GitHub budget and the last reconcile pass",
            description = "Each queued job says in words why it still waits. Readable without a token.")
    @GetMapping(PATH)
    public StatusView status() {
        Instant now = clock.instant();
        ReconcileSnapshot snapshot = reconciler.snapshot();
        return new StatusView(config.instanceId(), version, startedAt,
                Duration.between(startedAt, now).toSeconds(), ConfigurationView.of(config), snapshot.counts(),
                new StatusView.Queue(snapshot.queue().size(), snapshot.queue().stream().map(w -> job(w, now)).toList()),
                github(snapshot, reconciler.rateLimit()), lastReconcile(snapshot, passes.status()), startFailures(snapshot.backoff()),
                cluster(coordinator.status()), snapshot.shuttingDown(), securityWarnings);
    }

    private static StatusView.QueuedJob job(JobWait wait, Instant now) {
        var job = wait.job();
        return new StatusView.QueuedJob(job.id(), job.runId(), job.repository(), job.labels(), job.createdAt(),
                Math.max(0, Duration.between(job.createdAt(), now).toSeconds()), wait.reason().describe());
    }

    private static StatusView.GitHub github(ReconcileSnapshot snapshot, RateLimitStatus rate) {
        String lastError = snapshot.problem().filter(p -> GITHUB_PROBLEMS.contains(p.kind()))
                .map(StatusController::describe).orElse(null);
        return rate.known()
                ? new StatusView.GitHub(rate.remaining(), rate.limit(), rate.resetAt(), lastError)
                : new StatusView.GitHub(null, null, null, lastError);
    }

    private static StatusView.LastReconcile lastReconcile(ReconcileSnapshot snapshot, PassHealth.Status passes) {
        Optional<PassHealth.Failure> newerFailure = passes.lastFailure()
                .filter(f -> snapshot.pass() == 0 || f.at().isAfter(snapshot.at()));
        if (snapshot.pass() == 0 && newerFailure.isEmpty()) {
            return null;
        }
        String problem = newerFailure.map(PassHealth.Failure::describe)
                .orElseGet(() -> snapshot.problem().map(StatusController::describe).orElse(null));
        Instant at = newerFailure.map(PassHealth.Failure::at).orElse(snapshot.at());
        return new StatusView.LastReconcile(snapshot.pass(), at, snapshot.duration().toMillis(),
                newerFailure.isPresent() ? null : snapshot.decision().map(StatusController::decision).orElse(null),
                problem, passes.lastCompleted().orElse(null), passes.unexpectedFailures());
    }

    private static StatusView.DecisionView decision(Decision decision) {
        return new StatusView.DecisionView(decision.desired(),
                decision.starts().stream().map(Decision.Start::toString).toList(),
                decision.removals().stream().map(Decision.Removal::toString).toList(), decision.stuckJobs(),
                decision.toString());
    }

    private static StatusView.StartFailures startFailures(BackoffStatus backoff) {
        return new StatusView.StartFailures(backoff.consecutiveFailures(), backoff.totalFailures(),
                backoff.retryAt().orElse(null), backoff.lastFailure().orElse(null), backoff.halted().orElse(null));
    }

    private static StatusView.Cluster cluster(ClusterView view) {
        return new StatusView.Cluster(view.shared(), view.degraded(), view.self(), view.leader().orElse(null),
                view.instances().stream().map(m -> new StatusView.Member(m.id(), m.runnerPrefix(), m.alive(),
                        m.runners(), m.reserved(), m.minShare().orElse(null))).toList());
    }

    private static String describe(ReconcileProblem problem) {
        return problem.waitReason().describe() + ": " + problem.message();
    }
}
