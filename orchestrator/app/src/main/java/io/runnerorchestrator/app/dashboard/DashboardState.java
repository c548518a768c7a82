package io.runnerorchestrator.app.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows, as one JSON document: embedded in the page for its first render and sent
 * on every event of {@code /api/v1/events}. Holds no secret.
 *
 * @param full     true: timeline and samples are the whole history (replace); false: only what is new
 *                 since the previous event (append; entries carry a sequence number, so repeats are dropped)
 * @param now      the server's clock, so ages shown do not depend on the browser's
 */
public record DashboardState(boolean full, long pass, Instant at, Instant now, String instance, boolean demo,
                             boolean shuttingDown, Pool pool, List<QueuedJob> queue, List<TimelineEntry> timeline,
                             List<Sample> samples, List<HealthItem> health, Access access) {

    /** The pool against its limits; {@code total} counts starting, idle and busy runners. */
    public record Pool(int total, int starting, int idle, int busy, int min, int max, int desired,
                       List<Runner> runners) {
    }

    /** @param node the orchestrator instance that owns it, when instances share a queue */
    public record Runner(String name, String state, Instant createdAt, Long job, String image, String backend,
                         String node, Instant idleSince) {
    }

    /** @param reason in words, why it still waits */
    public record QueuedJob(long id, String repository, List<String> labels, Instant queuedAt, String reason) {
    }

    /**
     * One start or removal a pass decided.
     *
     * @param action {@code start} or {@code remove}
     * @param job    the job a start was for, or the job a removed runner ran
     * @param runner the removed runner (a start's runner is named when it is created)
     */
    public record TimelineEntry(long seq, long pass, Instant at, String action, String reason, Long job,
                                String runner) {
    }

    /**
     * The pool and the queue at one pass, for the charts.
     *
     * @param t               seconds since the epoch
     * @param waitP50         median wait of the jobs queued then, in seconds
     * @param githubRemaining GitHub's remaining request budget, null before GitHub answered
     */
    public record Sample(long t, int starting, int idle, int busy, int queue, long waitP50, long waitP95,
                         Integer githubRemaining) {
    }

    /**
     * One line of health with what to do about it.
     *
     * @param level   {@code ok}, {@code warn} or {@code error}
     * @param details further lines (the cluster's instances)
     */
    public record HealthItem(String name, String level, String summary, String action, List<String> details) {
    }

    /** Whether actions can work at all (API_TOKEN set) and whether reading needs a token. */
    public record Access(boolean apiTokenSet, boolean readTokenSet) {
    }
}
