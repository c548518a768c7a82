package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the scale set's messages say waits for a runner: the jobs it acquired that no runner has
 * started yet, padded up to what the latest statistics count (jobs assigned but not running) when
 * messages were missed, e.g. across a restart. Written by the listener, read by each reconcile pass.
 * Thread-safe.
 */
public final class ScaleSetDemand {

    private final Map<Long, JobMessage> waiting = new LinkedHashMap<>();
    private final AtomicReference<ScaleSetStatistics> statistics = new AtomicReference<>(ScaleSetStatistics.NONE);
    private final AtomicReference<Optional<ScaleSet>> scaleSet = new AtomicReference<>(Optional.empty());

    /** Statistics count only from the session on: an instance without one (a standby) has no demand. */
    void scaleSet(ScaleSet set) {
        scaleSet.set(Optional.of(set));
    }

    /** The scale set the listener found or created; empty until then. */
    public Optional<ScaleSet> scaleSet() {
        return scaleSet.get();
    }

    public ScaleSetStatistics statistics() {
        return statistics.get();
    }

    void statistics(ScaleSetStatistics latest) {
        statistics.set(latest);
    }

    synchronized void apply(JobMessage message) {
        switch (message.type()) {
            case "JobAssigned" -> waiting.put(message.runnerRequestId(), message);
            case "JobStarted", "JobCompleted" -> waiting.remove(message.runnerRequestId());
            default -> {
                // JobAvailable: not ours until acquired; unknown types are ignored (a preview API).
            }
        }
    }

    /**
     * A standby about to hold the session: the jobs it adopted may have started while nobody listened, and
     * no message will say so; its own session's statistics count what still waits.
     */
    synchronized void forgetAdopted() {
        waiting.clear();
    }

    /** A job the set acquired and the service then handed elsewhere (or canceled) before it started. */
    synchronized void forget(long runnerRequestId) {
        waiting.remove(runnerRequestId);
    }

    /** What the set's session holder shares with standby instances (see {@link ScaleSetRelay}). */
    synchronized ScaleSetSnapshot snapshot(List<JobMessage> busy) {
        return new ScaleSetSnapshot(scaleSet.get().orElseThrow(), statistics.get(), List.copyOf(waiting.values()),
                busy);
    }

    /** A standby's demand: what the session holder last shared, in place of its own. */
    synchronized void adopt(ScaleSetSnapshot snapshot) {
        scaleSet.set(Optional.of(snapshot.scaleSet()));
        statistics.set(snapshot.statistics());
        waiting.clear();
        snapshot.waiting().forEach(message -> waiting.put(message.runnerRequestId(), message));
    }

    /**
     * Jobs waiting for one of the set's runners, as the core's queue: those named by messages first,
     * then placeholders (negative ids, the set's labels) for assigned jobs the messages did not name.
     */
    public synchronized List<QueuedJob> queued() {
        List<QueuedJob> jobs = new ArrayList<>();
        waiting.values().forEach(m -> jobs.add(new QueuedJob(m.runnerRequestId(), 0, m.repository(), m.labels(),
                m.queuedAt())));
        ScaleSetStatistics stats = statistics.get();
        int unnamed = stats.assignedJobs() - stats.runningJobs() - jobs.size();
        List<String> labels = scaleSet.get().map(ScaleSet::labels).orElse(List.of());
        for (int i = 1; i <= unnamed; i++) {
            jobs.add(new QueuedJob(-i, 0, "", labels, Instant.EPOCH));
        }
        return List.copyOf(jobs);
    }
}
