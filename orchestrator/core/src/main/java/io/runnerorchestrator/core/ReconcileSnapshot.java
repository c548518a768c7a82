package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The last pass as the status API shows it: what was seen, what was decided, and what stands in the
 * way. Immutable; replaced whole after each pass.
 *
 * @param pass     passes run since start (0: none yet)
 * @param decision empty when the pass could not observe
 * @param runners  runners removed by the decision show as {@link RunnerState#STOPPING}
 * @param queue    queued jobs, oldest first, each with the reason it still waits
 * @param problem  what kept the pass from acting, if anything
 */
public record ReconcileSnapshot(long pass, Instant at, Duration duration, Optional<Decision> decision,
                                List<RunnerView> runners, List<JobWait> queue, RunnerCounts counts,
                                BackoffStatus backoff, Optional<ReconcileProblem> problem, boolean shuttingDown) {

    public ReconcileSnapshot {
        runners = List.copyOf(runners);
        queue = List.copyOf(queue);
    }

    static ReconcileSnapshot initial(ScalingSettings settings, Instant at) {
        return new ReconcileSnapshot(0, at, Duration.ZERO, Optional.empty(), List.of(), List.of(),
                RunnerCounts.of(List.of(), settings, settings.minRunners()), BackoffStatus.NONE, Optional.empty(),
                false);
    }

    static ReconcileSnapshot of(long pass, Instant at, Duration duration, Observation observation, Decision decision,
                                ScalingSettings settings, BackoffStatus backoff, Optional<ReconcileProblem> problem,
                                boolean shuttingDown) {
        Set<String> removed = decision.removals().stream().map(Decision.Removal::runnerName).collect(Collectors.toSet());
        List<RunnerView> runners = observation.runners().stream()
                .map(r -> removed.contains(r.name()) ? r.withState(RunnerState.STOPPING) : r).toList();
        List<QueuedJob> jobs = new ArrayList<>(observation.matchingJobs());
        jobs.addAll(observation.unservedJobs());
        List<JobWait> queue = jobs.stream().sorted(ScalingPolicy.OLDEST_FIRST)
                .map(job -> new JobWait(job, decision.waits().get(job.id()))).toList();
        return new ReconcileSnapshot(pass, at, duration, Optional.of(decision), runners, queue,
                RunnerCounts.of(observation.runners(), settings, decision.desired()), backoff, problem, shuttingDown);
    }

    /** Provisioning has stopped for good; the rest of the picture stays until the shutdown pass replaces it. */
    ReconcileSnapshot asShuttingDown() {
        return new ReconcileSnapshot(pass, at, duration, decision, runners, queue, counts, backoff, problem, true);
    }

    /** A pass that could not observe: the last picture stays, every queued job now waits for the problem. */
    ReconcileSnapshot failed(long failedPass, Instant failedAt, Duration took, ReconcileProblem reason,
                             BackoffStatus backoffNow) {
        List<JobWait> waiting = queue.stream().map(w -> new JobWait(w.job(), reason.waitReason())).toList();
        return new ReconcileSnapshot(failedPass, failedAt, took, Optional.empty(), runners, waiting, counts,
                backoffNow, Optional.of(reason), shuttingDown);
    }
}
