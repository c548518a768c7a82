package io.runnerorchestrator.core;

import io.runnerorchestrator.core.QueueHints.Hint;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * GitHub's side of a pass: our runners and the queued jobs. A full look asks GitHub. A pass triggered by
 * webhooks soon after the last full look instead brings that look up to date with the webhooks' hints
 * and the registrations made since, and asks GitHub nothing: a burst's queued events cost no reads,
 * only the registrations. Whenever a hint cannot be applied (a runner of ours the look does not know
 * took a job), the look is full.
 *
 * <p>How soon is soon: within POLL_INTERVAL of the last full look (at most half the boot timeout, so
 * that a booting runner cannot look timed out for want of a fresh runner list). While webhooks
 * arrive, a full look scans the queue (the runs and their jobs) only every {@value #QUEUE_SCAN_STRETCH}
 * poll intervals: the hints keep the queue known in between, and the scan is the safety net for a lost
 * delivery. Without webhooks every pass is a full look.
 *
 * <p>With {@link GitHubNews#MESSAGE_STREAM} every pass reads the queue (kept in memory, no request), and
 * between full looks a pass without news trusts the last look too: the stream says every job start and
 * end. What it does not say is that a runner came online without a job, so each runner the picture has
 * offline is looked up by itself (not a REST request there) as often as a full look would come. The full
 * REST list is then only the safety net, read every {@value #STREAMED_FULL_LOOK_STRETCH} poll intervals,
 * or every poll interval while dead members' registrations are to be counted. Used from the reconcile
 * thread only.
 */
final class GitHubPicture {
    private static final Logger log = LoggerFactory.getLogger(GitHubPicture.class);

    /** With webhooks arriving, the queue is scanned every this many poll intervals. */
    static final int QUEUE_SCAN_STRETCH = 4;

    /**
     * With a message stream, the runner list is read every this many poll intervals: at one job per poll
     * interval, a full look's one or two requests then cost at most 0.2 REST requests per job.
     */
    static final int STREAMED_FULL_LOOK_STRETCH = 10;

    /**
     * What one look saw.
     *
     * @param fresh   GitHub's runner list was read just now
     * @param current the runners' states are as GitHub has them now: read now, or kept so by a message
     *                stream that names every job start and end (a look that may confirm an idle runner)
     */
    record Seen(List<GitHubRunner> runners, List<QueuedJob> queued, boolean fresh, boolean current) {
    }

    private final GitHub github;
    private final QueueHints hints;
    private final GitHubNews news;
    private final Duration fullLookEvery;
    private final Duration queueScanEvery;
    private final Duration streamedFullLookEvery;
    private final Map<String, GitHubRunner> runners = new LinkedHashMap<>();
    /** When each runner's registration was last read, by a full look or by itself. */
    private final Map<String, Instant> lastRead = new HashMap<>();
    private final Map<Long, QueuedJob> queued = new LinkedHashMap<>();
    private Instant lastFullLook;
    private Instant lastQueueScan;
    private Instant lastHint;

    GitHubPicture(GitHub github, QueueHints hints, GitHubNews news, Duration pollInterval, Duration bootTimeout) {
        this.github = github;
        this.hints = hints;
        this.news = news;
        this.fullLookEvery = atMost(pollInterval, bootTimeout.dividedBy(2));
        this.queueScanEvery = pollInterval.multipliedBy(QUEUE_SCAN_STRETCH);
        this.streamedFullLookEvery = pollInterval.multipliedBy(STREAMED_FULL_LOOK_STRETCH);
    }

    /**
     * @param ours          whether a runner name is one of ours (registrations of others are left out)
     * @param countsOrphans whether dead members' online registrations are to be counted: their runners
     *                      send no news to this instance, so the full list is read at the usual cadence
     */
    Seen look(Instant now, Predicate<String> ours, boolean countsOrphans) {
        List<Hint> changes = hints.drain();
        lastHint = changes.isEmpty() ? lastHint : now;
        boolean applied = changes.stream().allMatch(hint -> apply(hint, ours));
        boolean streamed = news == GitHubNews.MESSAGE_STREAM;
        Duration every = streamed && !countsOrphans ? streamedFullLookEvery : fullLookEvery;
        boolean recent = lastFullLook != null && now.isBefore(lastFullLook.plus(every));
        if ((!changes.isEmpty() || streamed) && applied && recent) {
            log.debug("github.look kind=hinted hints={}", changes.size());
            if (streamed) {
                readOfflineRunners(now);
                scanQueue(now);
            }
            return new Seen(List.copyOf(runners.values()), List.copyOf(queued.values()), false, streamed);
        }
        log.debug("github.look kind=full hints={} cause={}", changes.size(),
                !applied ? "unknown_runner" : changes.isEmpty() && !streamed ? "no_hints" : "due");
        return fullLook(now, ours, applied);
    }

    /** A registration made by this orchestrator (JIT) at {@code at}: offline until a read or a hint says otherwise. */
    void registered(GitHubRunner runner, Instant at) {
        if (runners.putIfAbsent(runner.name(), runner) == null) {
            lastRead.put(runner.name(), at);
        }
    }

    /** The next look is full and scans the queue: after an error, or for a manual command, nothing stale is trusted. */
    void invalidate() {
        lastFullLook = null;
        lastQueueScan = null;
    }

    private Seen fullLook(Instant now, Predicate<String> ours, boolean hintsApplied) {
        lastFullLook = null;
        List<GitHubRunner> listed = github.listRunners().stream().filter(r -> ours.test(r.name())).toList();
        runners.clear();
        lastRead.clear();
        listed.forEach(r -> {
            runners.put(r.name(), r);
            lastRead.put(r.name(), now);
        });
        if (!hintsApplied || news == GitHubNews.MESSAGE_STREAM || dueForQueueScan(now)) {
            scanQueue(now);
        }
        lastFullLook = now;
        return new Seen(listed, List.copyOf(queued.values()), true, true);
    }

    /**
     * Each runner the picture has offline is read by itself once its last read is as old as a full look
     * would be: a runner that came online without a job is known as soon as with full looks, and one that
     * boots cannot look timed out. A registration counts as a read.
     */
    private void readOfflineRunners(Instant now) {
        lastRead.keySet().retainAll(runners.keySet());
        for (GitHubRunner runner : List.copyOf(runners.values())) {
            Instant last = lastRead.getOrDefault(runner.name(), Instant.MIN);
            if (runner.online() || now.isBefore(last.plus(fullLookEvery))) {
                continue;
            }
            Optional<GitHubRunner> found = github.getRunner(runner.id());
            lastRead.put(runner.name(), now);
            found.ifPresentOrElse(r -> runners.put(r.name(), r), () -> runners.remove(runner.name()));
            log.debug("github.runner.read name={} found={} online={}", runner.name(), found.isPresent(),
                    found.map(GitHubRunner::online).orElse(false));
        }
    }

    private void scanQueue(Instant now) {
        lastQueueScan = null;
        List<QueuedJob> jobs = github.listQueuedJobs();
        queued.clear();
        jobs.forEach(j -> queued.put(j.id(), j));
        lastQueueScan = now;
    }

    /** Always without webhooks; with them, once the queue's last scan is {@code queueScanEvery} old. */
    private boolean dueForQueueScan(Instant now) {
        boolean webhooksArrive = lastHint != null && now.isBefore(lastHint.plus(queueScanEvery));
        return !webhooksArrive || lastQueueScan == null || !now.isBefore(lastQueueScan.plus(queueScanEvery));
    }

    private static Duration atMost(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** False when the hint names a runner of ours this picture does not know: only a full look can tell. */
    private boolean apply(Hint hint, Predicate<String> ours) {
        switch (hint.action()) {
            case QUEUED -> hint.job().ifPresent(job -> queued.putIfAbsent(job.id(), job));
            case STARTED -> {
                queued.remove(hint.jobId());
                Optional<GitHubRunner> runner = hint.runnerName().map(runners::get);
                if (runner.isEmpty()) {
                    return hint.runnerName().filter(ours).isEmpty();
                }
                GitHubRunner r = runner.get();
                runners.put(r.name(), new GitHubRunner(r.id(), r.name(), r.os(), true, true, r.labels()));
            }
            case COMPLETED -> {
                queued.remove(hint.jobId());
                // an ephemeral runner unregisters once its job is done
                hint.runnerName().ifPresent(runners::remove);
            }
        }
        return true;
    }
}
