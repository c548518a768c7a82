package io.runnerorchestrator.core;

import io.runnerorchestrator.core.QueueHints.Hint;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
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
 * delivery. Without webhooks every pass is a full look. With {@link GitHubNews#MESSAGE_STREAM} every pass
 * reads the queue (kept in memory, no request), and between full looks a pass without news trusts the last
 * look too: the stream would have said what changed. Used from the reconcile thread only.
 */
final class GitHubPicture {
    private static final Logger log = LoggerFactory.getLogger(GitHubPicture.class);

    /** With webhooks arriving, the queue is scanned every this many poll intervals. */
    static final int QUEUE_SCAN_STRETCH = 4;

    /** What one look saw; {@code fresh} when GitHub's runner list was read just now. */
    record Seen(List<GitHubRunner> runners, List<QueuedJob> queued, boolean fresh) {
    }

    private final GitHub github;
    private final QueueHints hints;
    private final GitHubNews news;
    private final Duration fullLookEvery;
    private final Duration queueScanEvery;
    private final Map<String, GitHubRunner> runners = new LinkedHashMap<>();
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
    }

    /** @param ours whether a runner name is one of ours (registrations of others are left out) */
    Seen look(Instant now, Predicate<String> ours) {
        List<Hint> changes = hints.drain();
        lastHint = changes.isEmpty() ? lastHint : now;
        boolean applied = changes.stream().allMatch(hint -> apply(hint, ours));
        boolean recent = lastFullLook != null && now.isBefore(lastFullLook.plus(fullLookEvery));
        boolean streamed = news == GitHubNews.MESSAGE_STREAM;
        if ((!changes.isEmpty() || streamed) && applied && recent) {
            log.debug("github.look kind=hinted hints={}", changes.size());
            if (streamed) {
                scanQueue(now);
            }
            return new Seen(List.copyOf(runners.values()), List.copyOf(queued.values()), false);
        }
        log.debug("github.look kind=full hints={} cause={}", changes.size(),
                !applied ? "unknown_runner" : changes.isEmpty() && !streamed ? "no_hints" : "due");
        return fullLook(now, ours, applied);
    }

    /** A registration made by this orchestrator (JIT): offline until a full look or a hint says otherwise. */
    void registered(GitHubRunner runner) {
        runners.putIfAbsent(runner.name(), runner);
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
        listed.forEach(r -> runners.put(r.name(), r));
        if (!hintsApplied || news == GitHubNews.MESSAGE_STREAM || dueForQueueScan(now)) {
            scanQueue(now);
        }
        lastFullLook = now;
        return new Seen(listed, List.copyOf(queued.values()), true);
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
