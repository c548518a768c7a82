package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.BackoffStatus;
import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.JobWait;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.RemovalReason;
import io.runnerorchestrator.core.RunnerCounts;
import io.runnerorchestrator.core.RunnerState;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.StartReason;
import io.runnerorchestrator.core.WaitReason;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots of a pool as large as the dashboard must stay usable with: {@code runners} runners and
 * {@code jobs} queued jobs, states shifting from pass to pass, a few starts and removals each pass.
 */
final class LargePool {

    static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private static final RunnerState[] STATES = {RunnerState.BUSY, RunnerState.BUSY, RunnerState.IDLE,
            RunnerState.STARTING, RunnerState.STOPPING};
    private static final WaitReason.Kind[] WAITS = {WaitReason.Kind.AT_MAX_RUNNERS, WaitReason.Kind.RUNNER_STARTING,
            WaitReason.Kind.RUNNER_IDLE, WaitReason.Kind.LABELS_NOT_SERVED};

    private final int runners;
    private final int jobs;

    LargePool(int runners, int jobs) {
        this.runners = runners;
        this.jobs = jobs;
    }

    /** Pass {@code pass}, {@code pass * 5} seconds after {@link #START}. */
    ReconcileSnapshot pass(long pass) {
        Instant at = START.plusSeconds(pass * 5);
        List<RunnerView> views = new ArrayList<>();
        int[] byState = new int[RunnerState.values().length];
        for (int i = 0; i < runners; i++) {
            RunnerState state = STATES[(int) ((i + pass) % STATES.length)];
            byState[state.ordinal()]++;
            String name = "bench-" + i;
            RunnerInstance instance = new RunnerInstance(name, "c" + i, RunnerInstance.State.RUNNING,
                    "ghcr.io/acme/runner:2.330.0", at.minusSeconds(30 + i % 600), Optional.empty(), "");
            views.add(new RunnerView(name, state, Optional.of(instance), Optional.empty(),
                    state == RunnerState.IDLE ? Optional.of(at.minusSeconds(i % 90)) : Optional.empty(), true,
                    state == RunnerState.BUSY ? Optional.of(10_000_000L + i) : Optional.empty()));
        }
        List<JobWait> queue = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            QueuedJob job = new QueuedJob(20_000_000L + pass * 10 + j, 900 + j / 4, "acme/repo-" + j % 17,
                    List.of("self-hosted", "linux", j % 5 == 0 ? "gpu" : "x64"), at.minusSeconds(j % 1200));
            queue.add(new JobWait(job, WaitReason.of(WAITS[(int) ((j + pass) % WAITS.length)])));
        }
        List<Decision.Start> starts = List.of(new Decision.Start(StartReason.QUEUE, Optional.of(20_000_000L + pass)),
                new Decision.Start(StartReason.BURST_BUFFER, Optional.empty()));
        List<Decision.Removal> removals = List.of(new Decision.Removal("bench-" + pass % runners, Optional.of(pass),
                true, RemovalReason.EXITED));
        Decision decision = new Decision(runners, starts, removals, List.of(), Map.of());
        RunnerCounts counts = new RunnerCounts(byState[RunnerState.STARTING.ordinal()]
                + byState[RunnerState.IDLE.ordinal()] + byState[RunnerState.BUSY.ordinal()],
                byState[RunnerState.STARTING.ordinal()], byState[RunnerState.IDLE.ordinal()],
                byState[RunnerState.BUSY.ordinal()], 10, runners, runners);
        return new ReconcileSnapshot(pass, at, Duration.ofMillis(120), Optional.of(decision), views, queue, counts,
                BackoffStatus.NONE, Optional.empty(), false);
    }

    /** A view as the app wires it, over a fixed budget and a lone instance. */
    static DashboardView view(Instant now) {
        return new DashboardView(new DashboardView.Sources(() -> new RateLimitStatus(5000, 4200, now.plusSeconds(900)),
                () -> ClusterView.ALONE, () -> now), "bench", false, "docker", new DashboardState.Access(true, false));
    }
}
