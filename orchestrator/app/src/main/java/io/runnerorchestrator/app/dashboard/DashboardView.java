package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.JobWait;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.RunnerCounts;
import io.runnerorchestrator.core.RunnerState;
import io.runnerorchestrator.core.RunnerView;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the last {@link ReconcileSnapshot} into what the page shows. Reads only what the pass already
 * holds (GitHub's last reported budget, the coordinator's last view), so rendering never waits on I/O.
 */
final class DashboardView {

    /** What the view reads besides the snapshot, as of now. */
    record Sources(Supplier<RateLimitStatus> rateLimit, Supplier<ClusterView> cluster, Supplier<Instant> clock) {
    }

    private final Sources sources;
    private final String instance;
    private final boolean demo;
    private final String backend;
    private final DashboardState.Access access;
    private final HealthNotes health;

    DashboardView(Sources sources, String instance, boolean demo, String backend,
                  DashboardState.Access access) {
        this.sources = sources;
        this.instance = instance;
        this.demo = demo;
        this.backend = backend;
        this.access = access;
        this.health = new HealthNotes(backend);
    }

    DashboardState state(ReconcileSnapshot snapshot, boolean full, List<DashboardState.TimelineEntry> timeline,
                         List<DashboardState.Sample> samples) {
        ClusterView cluster = sources.cluster().get();
        String node = cluster.shared() ? instance : null;
        RunnerCounts c = snapshot.counts();
        DashboardState.Pool pool = new DashboardState.Pool(c.total(), c.starting(), c.idle(), c.busy(), c.min(),
                c.max(), c.desired(), snapshot.runners().stream().map(r -> runner(r, node)).toList());
        return new DashboardState(full, snapshot.pass(), snapshot.at(), sources.clock().get(), instance, demo,
                snapshot.shuttingDown(), pool, snapshot.queue().stream().map(DashboardView::job).toList(), timeline,
                samples, health.of(snapshot, sources.rateLimit().get(), cluster), access);
    }

    /** The charts' point for this snapshot: pool by state, queue length and wait, GitHub's budget. */
    DashboardState.Sample sample(ReconcileSnapshot snapshot) {
        RateLimitStatus rate = sources.rateLimit().get();
        long[] waits = snapshot.queue().stream()
                .mapToLong(w -> Math.max(0, Duration.between(w.job().createdAt(), snapshot.at()).toSeconds()))
                .sorted().toArray();
        RunnerCounts c = snapshot.counts();
        return new DashboardState.Sample(snapshot.at().getEpochSecond(), c.starting(), c.idle(), c.busy(),
                waits.length, percentile(waits, 50), percentile(waits, 95), rate.known() ? rate.remaining() : null);
    }

    /** Nearest rank: the smallest value with at least {@code p} percent of the values at or below it. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private DashboardState.Runner runner(RunnerView r, String node) {
        return new DashboardState.Runner(r.name(), r.state().label(),
                r.instance().map(RunnerInstance::createdAt).orElse(null), r.job().orElse(null),
                r.instance().map(RunnerInstance::image).orElse(null),
                r.instance().isPresent() ? backend : "registration only", node,
                r.state() == RunnerState.IDLE ? r.idleSince().orElse(null) : null);
    }

    private static DashboardState.QueuedJob job(JobWait wait) {
        var job = wait.job();
        String reason = wait.reason() == null ? "not decided yet" : wait.reason().describe();
        return new DashboardState.QueuedJob(job.id(), job.repository(), job.labels(), job.createdAt(), reason);
    }
}
