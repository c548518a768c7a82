package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.Decision;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.RunnerView;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The latest scale decisions, one entry per start or removal, newest last. Bounded: a busy pool decides
 * a lot, and a page only needs the recent past. Written by the reconcile thread, read by requests.
 */
final class DecisionTimeline {

    private final int capacity;
    private final Deque<DashboardState.TimelineEntry> entries = new ArrayDeque<>();
    private long seq;
    private long lastPass = -1;

    DecisionTimeline(int capacity) {
        this.capacity = capacity;
    }

    /** Adds what the snapshot's pass decided; a snapshot seen before (or one without a decision) adds nothing. */
    synchronized void record(ReconcileSnapshot snapshot) {
        if (snapshot.pass() <= lastPass || snapshot.decision().isEmpty()) {
            return;
        }
        lastPass = snapshot.pass();
        Decision decision = snapshot.decision().get();
        Map<String, RunnerView> runners = snapshot.runners().stream()
                .collect(Collectors.toMap(RunnerView::name, Function.identity(), (a, b) -> a));
        for (Decision.Start start : decision.starts()) {
            add(new DashboardState.TimelineEntry(++seq, snapshot.pass(), snapshot.at(), "start", words(start.reason()),
                    start.jobId().orElse(null), null));
        }
        for (Decision.Removal removal : decision.removals()) {
            Optional<Long> job = Optional.ofNullable(runners.get(removal.runnerName())).flatMap(RunnerView::job);
            add(new DashboardState.TimelineEntry(++seq, snapshot.pass(), snapshot.at(), "remove",
                    words(removal.reason()), job.orElse(null), removal.runnerName()));
        }
    }

    synchronized List<DashboardState.TimelineEntry> all() {
        return List.copyOf(entries);
    }

    /** Entries after sequence number {@code seq}, oldest first. */
    synchronized List<DashboardState.TimelineEntry> since(long after) {
        return entries.stream().filter(e -> e.seq() > after).toList();
    }

    synchronized long lastSeq() {
        return seq;
    }

    private void add(DashboardState.TimelineEntry entry) {
        entries.addLast(entry);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** MIN_RUNNERS stays as users configure it; other reasons read as words (idle_timeout -> idle timeout). */
    private static String words(Enum<?> reason) {
        return reason.name().equals("MIN_RUNNERS") ? "MIN_RUNNERS"
                : reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
