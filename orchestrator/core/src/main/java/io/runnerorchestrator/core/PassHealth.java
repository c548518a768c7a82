package io.runnerorchestrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the reconcile loop still does its work: when a pass last completed (observed and decided,
 * or waited out GitHub's rate limit on purpose), and what the last unexpected exception of a pass
 * was. Readiness needs a completed pass within {@value #STALE_AFTER_INTERVALS} poll intervals (of the
 * current, possibly paced, interval). Written by the loop thread, read by health and status.
 */
public final class PassHealth {

    public static final int STALE_AFTER_INTERVALS = 3;
    /** Longest text of an exception's message kept for the status. */
    static final int MAX_MESSAGE_LENGTH = 300;

    private final Clock clock;
    private final Duration pollInterval;
    private final Instant startedAt;
    private volatile Instant lastCompleted;
    private volatile Duration interval;
    private volatile Failure lastFailure;
    private volatile long unexpectedFailures;

    public PassHealth(Clock clock, Duration pollInterval) {
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.startedAt = clock.instant();
        this.interval = pollInterval;
    }

    /** An unexpected exception of a pass, or of scheduling the next one. */
    public record Failure(Instant at, String exception, String message) {
        public String describe() {
            return "unexpected " + exception + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /**
     * @param ready         a pass completed within the window
     * @param lastCompleted empty before the first completed pass
     * @param window        how old the last completed pass may be
     */
    public record Status(boolean ready, Optional<Instant> lastCompleted, Duration window, long unexpectedFailures,
                         Optional<Failure> lastFailure) {

        public String describe() {
            String last = lastCompleted.map(at -> "last completed pass at " + at).orElse("no pass completed yet");
            String failure = lastFailure.map(f -> "; last failure at " + f.at() + ": " + f.describe()).orElse("");
            return (ready ? "passing; " : "stale: ") + last + " (must be within " + window.toSeconds() + " s)" + failure;
        }
    }

    /** A pass that did its work; a failed observation does not count. */
    void passEnded(ReconcileSnapshot snapshot) {
        boolean waitedOnPurpose = snapshot.problem()
                .filter(p -> p.kind() == ReconcileProblem.Kind.GITHUB_RATE_LIMITED).isPresent();
        if (snapshot.decision().isPresent() || waitedOnPurpose) {
            lastCompleted = clock.instant();
        }
    }

    void failed(Throwable e) {
        unexpectedFailures++;
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
        }
        lastFailure = new Failure(clock.instant(), e.getClass().getSimpleName(), message);
    }

    /** The wait before the next periodic pass, as the loop scheduled it (a paced wait widens the window). */
    void scheduled(Duration wait) {
        interval = wait.compareTo(pollInterval) > 0 ? wait : pollInterval;
    }

    public Status status() {
        Instant now = clock.instant();
        Duration window = interval.multipliedBy(STALE_AFTER_INTERVALS);
        Instant since = lastCompleted == null ? startedAt : lastCompleted;
        boolean ready = lastCompleted != null && !now.isAfter(since.plus(window));
        return new Status(ready, Optional.ofNullable(lastCompleted), window, unexpectedFailures,
                Optional.ofNullable(lastFailure));
    }
}
