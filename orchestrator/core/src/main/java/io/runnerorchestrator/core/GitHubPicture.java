package io.runnerorchestrator.core;

import io.runnerorchestrator.core.QueueHints.Hint;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>A full look that scans the queue reads the jobs of the runs that changed, and those name the runner
 * of each started job: which runners are busy, and which finished (an ephemeral runner unregisters
 * itself then; it counts as busy until its container is gone). Such a look spares the runner list, which
 * it would read only for that, unless the list is {@value #RUNNER_LIST_STRETCH} poll intervals old, dead
 * members' registrations are to be counted, a runner is offline in the picture (booting: it may have come
 * online since, maybe without a job), a runner of ours the picture does not know runs a job, or a removal
 * found GitHub showing a runner otherwise than the picture did. In polling mode that is most passes.
 * Between runner lists a runner's online flag is the last one read: one that loses its connection with
 * its container still up counts as online until the next list.
 *
 * <p>With {@link GitHubNews#MESSAGE_STREAM} every pass reads the queue (kept in memory, no request), and
 * between full looks a pass without news trusts the last look too: the stream says every job start and
 * end. What it does not say is that a runner came online without a job, so each runner the picture has
 * offline is looked up by itself (not a REST request there) as often as a full look would come. The full
 * REST list is then only the safety net, read every {@value #RUNNER_LIST_STRETCH} poll intervals,
 * or every poll interval while dead members' registrations are to be counted. Used from the reconcile
 * thread only.
 */
final class GitHubPicture {
    private static final Logger log = LoggerFactory.getLogger(GitHubPicture.class);

    /** With webhooks arriving, the queue is scanned every this many poll intervals. */
    static final int QUEUE_SCAN_STRETCH = 4;

    /**
     * When job news (a message stream, or the scanned jobs' runners) keep the runners' busy flags, the
     * runner list is read every this many poll intervals: at one job per poll interval, its one or two
     * requests then cost at most 0.2 REST requests per job.
     */
    static final int RUNNER_LIST_STRETCH = 10;

    /** Where a look's runners come from. */
    enum Source {
        /** GitHub's runner list, read just now. */
        LISTED,
        /** The picture, its busy flags set by the jobs a queue scan read just now. */
        SCANNED,
        /** The picture brought up to date by webhooks' hints, which may be lost or late. */
        HINTED,
        /** The picture kept by a message stream that names every job start and end. */
        STREAMED
    }

    /**
     * What one look saw.
     *
     * @param finished runners whose job ended since the runner list was read: an ephemeral runner
     *                 unregisters itself then, so they count as busy while their container lives, and
     *                 their registration is not looked at once it is gone
     * @param running  the job each runner runs, as the queue scan of this look read it (empty otherwise)
     */
    record Seen(List<GitHubRunner> runners, List<QueuedJob> queued, Source source, Set<String> finished,
                Map<String, Long> running) {
        Seen {
            finished = Set.copyOf(finished);
            running = Map.copyOf(running);
        }

        /** GitHub's runner list was read just now: it names every registration, dead members' too. */
        boolean fresh() {
            return source == Source.LISTED;
        }

        /** The runners' states are as GitHub has them now: a look that may confirm an idle runner. */
        boolean current() {
            return source != Source.HINTED;
        }

        /**
         * The registrations to join with the containers whose names are {@code live} (running ones). A
         * list read now or a scan's picture names every registration of ours but those of finished
         * runners, which unregister themselves. A picture brought up to date by news keeps only
         * registrations with a live container: a runner's end may still be on its way, and a registration
         * without container is for the runner list to judge.
         */
        List<GitHubRunner> registrations(Set<String> live) {
            boolean complete = source == Source.LISTED || source == Source.SCANNED;
            return runners.stream().filter(r -> live.contains(r.name()) || (complete && !finished.contains(r.name())))
                    .toList();
        }
    }

    private final GitHub github;
    private final QueueHints hints;
    private final GitHubNews news;
    private final Duration fullLookEvery;
    private final Duration bootTimeout;
    private final Duration queueScanEvery;
    private final Duration runnerListEvery;
    private final Map<String, GitHubRunner> runners = new LinkedHashMap<>();
    /** When each runner's registration was last read, by a full look or by itself. */
    private final Map<String, Instant> lastRead = new HashMap<>();
    /** Runners that register themselves, since their start, until a runner list shows them. */
    private final Map<String, Instant> awaited = new HashMap<>();
    /** Runners whose job ended since the runner list was read (see {@link Seen#finished}). */
    private final Set<String> finished = new HashSet<>();
    private final Map<Long, QueuedJob> queued = new LinkedHashMap<>();
    private Instant lastFullLook;
    private Instant lastRunnerList;
    private Instant lastQueueScan;
    private Instant lastHint;

    GitHubPicture(GitHub github, QueueHints hints, GitHubNews news, Duration pollInterval, Duration bootTimeout) {
        this.github = github;
        this.hints = hints;
        this.news = news;
        this.fullLookEvery = atMost(pollInterval, bootTimeout.dividedBy(2));
        this.bootTimeout = bootTimeout;
        this.queueScanEvery = pollInterval.multipliedBy(QUEUE_SCAN_STRETCH);
        this.runnerListEvery = pollInterval.multipliedBy(RUNNER_LIST_STRETCH);
    }

    /**
     * @param ours          whether a runner name is one of ours (registrations of others are left out)
     * @param countsOrphans whether dead members' online registrations are to be counted: their runners
     *                      send no news to this instance, so the full list is read at the usual cadence
     */
    Seen look(Instant now, Predicate<String> ours, boolean countsOrphans) {
        // what is ours changes when a member dies or comes back: its runners are then not ours to judge
        runners.keySet().removeIf(name -> !ours.test(name));
        List<Hint> changes = hints.drain();
        lastHint = changes.isEmpty() ? lastHint : now;
        boolean applied = changes.stream().allMatch(hint -> apply(hint, ours));
        boolean streamed = news == GitHubNews.MESSAGE_STREAM;
        Duration every = streamed && !countsOrphans ? runnerListEvery : fullLookEvery;
        boolean recent = lastFullLook != null && now.isBefore(lastFullLook.plus(every));
        if ((!changes.isEmpty() || streamed) && applied && recent) {
            log.debug("github.look kind=hinted hints={}", changes.size());
            if (streamed) {
                readOfflineRunners(now);
                scanQueue(now);
            }
            return seen(streamed ? Source.STREAMED : Source.HINTED, Map.of());
        }
        log.debug("github.look kind=full hints={} cause={}", changes.size(),
                !applied ? "unknown_runner" : changes.isEmpty() && !streamed ? "no_hints" : "due");
        return fullLook(now, ours, applied, countsOrphans);
    }

    /** A registration made by this orchestrator (JIT) at {@code at}: offline until a read or a hint says otherwise. */
    void registered(GitHubRunner runner, Instant at) {
        if (runners.putIfAbsent(runner.name(), runner) == null) {
            lastRead.put(runner.name(), at);
        }
    }

    /** A runner this instance removed, its registration deleted or found gone. */
    void unregistered(String name) {
        runners.remove(name);
        lastRead.remove(name);
        awaited.remove(name);
        finished.remove(name);
    }

    /** GitHub showed a runner otherwise than the picture has it (busy, or online): the next full look lists runners. */
    void doubted() {
        lastRunnerList = null;
    }

    /**
     * A runner started to register itself (token mode) at {@code at}: until the runner list shows it, a
     * full look reads the list, as it would without job news.
     */
    void awaitsRegistration(String name, Instant at) {
        awaited.put(name, at);
    }

    /** The next look is full and scans the queue: after an error, or for a manual command, nothing stale is trusted. */
    void invalidate() {
        lastFullLook = null;
        lastQueueScan = null;
        lastRunnerList = null;
    }

    private Seen fullLook(Instant now, Predicate<String> ours, boolean hintsApplied, boolean countsOrphans) {
        lastFullLook = null;
        boolean streamed = news == GitHubNews.MESSAGE_STREAM;
        boolean scan = !hintsApplied || streamed || dueForQueueScan(now);
        boolean scanned = scan && hintsApplied && !streamed && runnerListSpared(now, countsOrphans);
        if (scanned) {
            Optional<Map<String, Long>> running = scanQueue(now);
            if (running.isPresent() && applyRunning(running.get(), ours)) {
                log.debug("github.look kind=scanned running={}", running.get().size());
                lastFullLook = now;
                return seen(Source.SCANNED, running.get());
            }
        }
        readRunnerList(now, ours);
        if (scan && !scanned) {
            scanQueue(now);
        }
        lastFullLook = now;
        return seen(Source.LISTED, Map.of());
    }

    private Seen seen(Source source, Map<String, Long> running) {
        return new Seen(List.copyOf(runners.values()), List.copyOf(queued.values()), source, finished, running);
    }

    private void readRunnerList(Instant now, Predicate<String> ours) {
        lastRunnerList = null;
        List<GitHubRunner> listed = github.listRunners().stream().filter(r -> ours.test(r.name())).toList();
        runners.clear();
        lastRead.clear();
        finished.clear();
        listed.forEach(r -> {
            runners.put(r.name(), r);
            lastRead.put(r.name(), now);
        });
        // a runner that has not registered within the boot timeout is the boot timeout's to judge
        awaited.entrySet().removeIf(e -> runners.containsKey(e.getKey())
                || !now.isBefore(e.getValue().plus(bootTimeout)));
        lastRunnerList = now;
    }

    /**
     * Whether a queue scan may stand in for the runner list: the list was read within {@code runnerListEvery},
     * no dead member's registrations are to be counted, and no runner is offline in the picture or awaited to
     * register itself (it may have come online, maybe without a job, which only the list tells).
     */
    private boolean runnerListSpared(Instant now, boolean countsOrphans) {
        if (countsOrphans || lastRunnerList == null || !now.isBefore(lastRunnerList.plus(runnerListEvery))) {
            return false;
        }
        return awaited.isEmpty() && runners.values().stream().allMatch(GitHubRunner::online);
    }

    /**
     * Brings the picture's busy flags in line with the jobs the scan saw running: a runner named by one is
     * busy; one busy before and named by none has finished its job. False when a runner of ours the picture
     * does not know runs a job: only the list can tell.
     */
    private boolean applyRunning(Map<String, Long> running, Predicate<String> ours) {
        if (running.keySet().stream().anyMatch(name -> ours.test(name) && !runners.containsKey(name))) {
            return false;
        }
        for (GitHubRunner r : List.copyOf(runners.values())) {
            if (running.containsKey(r.name())) {
                finished.remove(r.name());
                markBusy(r);
            } else if (r.busy()) {
                finished.add(r.name());
            }
        }
        return true;
    }

    /** Its job ended: busy until its container is gone, as an ephemeral runner unregisters itself. */
    private void finish(String name) {
        Optional.ofNullable(runners.get(name)).ifPresent(r -> {
            markBusy(r);
            finished.add(name);
        });
    }

    private void markBusy(GitHubRunner r) {
        runners.put(r.name(), new GitHubRunner(r.id(), r.name(), r.os(), true, true, r.labels()));
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

    private Optional<Map<String, Long>> scanQueue(Instant now) {
        lastQueueScan = null;
        QueueScan scan = github.scanQueue();
        queued.clear();
        scan.queued().forEach(j -> queued.put(j.id(), j));
        lastQueueScan = now;
        return scan.running();
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
                markBusy(runner.get());
            }
            case COMPLETED -> {
                queued.remove(hint.jobId());
                hint.runnerName().ifPresent(this::finish);
            }
        }
        return true;
    }
}
