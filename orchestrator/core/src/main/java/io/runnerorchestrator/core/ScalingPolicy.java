package io.runnerorchestrator.core;

import io.runnerorchestrator.core.Decision.Removal;
import io.runnerorchestrator.core.Decision.Start;
import io.runnerorchestrator.core.port.QueuedJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.runnerorchestrator.core.RunnerState.BUSY;
import static io.runnerorchestrator.core.RunnerState.IDLE;
import static io.runnerorchestrator.core.RunnerState.STARTING;

/**
 * The scaling rules as a pure function of (settings, observation, now). No clock, no I/O: every rule
 * is a row in a table test.
 */
public final class ScalingPolicy {

    /** Poll intervals a matching job may wait beside an idle runner before that runner is recycled. */
    public static final int STUCK_AFTER_POLLS = 3;
    /** The burst buffer keeps one spare runner for this many queued jobs. */
    static final int BURST_BUFFER_EVERY = 10;

    /** The order in which GitHub hands queued jobs to runners, as far as it can be known. */
    static final Comparator<QueuedJob> OLDEST_FIRST = Comparator.comparing(QueuedJob::createdAt)
            .thenComparing(QueuedJob::id);

    private ScalingPolicy() {
    }

    public static Decision decide(ScalingSettings settings, Observation observation, Instant now) {
        List<Removal> removals = new ArrayList<>(cleanups(observation.runners()));
        List<QueuedJob> jobs = observation.matchingJobs().stream()
                .sorted(OLDEST_FIRST).toList();

        // Idle runners next to a job that long queued are broken in some way: replace them.
        Duration stuckAfter = settings.pollInterval().multipliedBy(STUCK_AFTER_POLLS);
        Set<Long> stuckJobs = new LinkedHashSet<>();
        List<RunnerView> idle = new ArrayList<>();
        for (RunnerView runner : inState(observation, IDLE)) {
            List<Long> stuckBeside = jobs.stream()
                    .filter(job -> waitedBeside(job, runner, now).compareTo(stuckAfter) > 0)
                    .map(QueuedJob::id).toList();
            if (stuckBeside.isEmpty()) {
                idle.add(runner);
            } else {
                stuckJobs.addAll(stuckBeside);
                removals.add(Removal.of(runner, RemovalReason.STUCK_JOB));
            }
        }

        int starting = inState(observation, STARTING).size();
        int counted = starting + idle.size() + inState(observation, BUSY).size();
        // Containers still being removed keep their place until they are gone: MAX holds even if removal fails.
        int live = observation.liveContainers();
        int capacity = Math.max(0, settings.maxRunners() - live);

        // Queued jobs go to idle runners first, then to booting ones; every other one gets a runner now.
        int covered = Math.min(jobs.size(), idle.size() + starting);
        List<QueuedJob> uncovered = jobs.subList(covered, jobs.size());
        int spare = idle.size() + starting - covered;
        // Runners started for jobs count toward MIN as well.
        int belowMin = Math.max(0, settings.minRunners() - counted - uncovered.size());
        int warm = Math.max(0, warmTarget(settings, observation) - spare - belowMin);
        int buffer = Math.max(0, burstBuffer(settings, jobs.size()) - spare - belowMin - warm);
        // A start failing right now is not in the backoff yet: its replacement waits for the backoff's verdict.
        boolean failingNow = removals.stream().anyMatch(r -> r.reason().failedStart());
        int allowed = failingNow ? 0 : allowedStarts(observation.backoff(), starting, now);
        int count = Math.min(Math.min(capacity, allowed), uncovered.size() + belowMin + warm + buffer);

        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(startAt(i, uncovered, belowMin, warm));
        }

        List<Removal> idleRemovals = starts.isEmpty() && jobs.size() <= settings.scaleDownThreshold()
                ? scaleDown(settings, idle, counted, jobs.size() + warmTarget(settings, observation), now) : List.of();
        removals.addAll(idleRemovals);

        QueueReasons reasons = new QueueReasons(jobs, idle.size(), covered, stuckJobs, starts, capacity,
                observation.backoff(), now);
        return new Decision(counted - idleRemovals.size() + starts.size(), starts, removals,
                List.copyOf(stuckJobs), reasons.waits(observation.unservedJobs()));
    }

    /** Jobs first, oldest first; then MIN_RUNNERS, the warm pool and the burst buffer. */
    private static Start startAt(int i, List<QueuedJob> uncovered, int belowMin, int warm) {
        if (i < uncovered.size()) {
            return new Start(StartReason.QUEUE, Optional.of(uncovered.get(i).id()));
        }
        int spareIndex = i - uncovered.size();
        StartReason reason = spareIndex < belowMin ? StartReason.MIN_RUNNERS
                : spareIndex < belowMin + warm ? StartReason.WARM_POOL : StartReason.BURST_BUFFER;
        return new Start(reason, Optional.empty());
    }

    /**
     * Spare runners kept while the queue is at SCALE_UP_THRESHOLD or more: one for every
     * {@value #BURST_BUFFER_EVERY} queued jobs. A burst is often followed by more of the same (the next
     * wave of a matrix, the jobs that need the first ones); the buffer goes after IDLE_TIMEOUT when
     * nothing comes.
     */
    static int burstBuffer(ScalingSettings settings, int queued) {
        return queued >= settings.scaleUpThreshold() ? queued / BURST_BUFFER_EVERY : 0;
    }

    /** The predictive warm pool: the jobs expected within one boot time, rounded up. */
    static int warmTarget(ScalingSettings settings, Observation observation) {
        if (settings.warmPool() != ScalingSettings.WarmPool.PREDICTIVE) {
            return 0;
        }
        double expected = observation.expectedArrivals();
        return expected < ArrivalForecast.NEGLIGIBLE ? 0 : (int) Math.ceil(expected);
    }

    /**
     * Graceful shutdown: no starts; idle and booting runners go, busy ones finish their job. Cleanups
     * still happen, so nothing half-made is left behind.
     */
    public static Decision decideShutdown(Observation observation) {
        List<Removal> removals = new ArrayList<>(cleanups(observation.runners()));
        observation.runners().stream()
                .filter(r -> r.state() == IDLE || r.state() == STARTING)
                .forEach(r -> removals.add(Removal.of(r, RemovalReason.SHUTDOWN)));
        WaitReason shuttingDown = WaitReason.of(WaitReason.Kind.SHUTTING_DOWN);
        Map<Long, WaitReason> waits = new HashMap<>();
        observation.matchingJobs().forEach(job -> waits.put(job.id(), shuttingDown));
        observation.unservedJobs().forEach(job -> waits.put(job.id(), WaitReason.of(WaitReason.Kind.LABELS_NOT_SERVED)));
        return new Decision((int) observation.count(BUSY), List.of(), removals, List.of(), waits);
    }

    /**
     * Exited containers, runners that never came up or were lost, and offline registrations without
     * container: removals every policy needs, whatever its scaling rules.
     */
    public static List<Removal> cleanups(List<RunnerView> runners) {
        List<Removal> removals = new ArrayList<>();
        for (RunnerView runner : runners) {
            if (runner.state() == RunnerState.STOPPING && runner.instance().filter(RunnerClassifier::neverStarted).isPresent()) {
                removals.add(Removal.of(runner, RemovalReason.NEVER_STARTED));
            } else if (runner.state() == RunnerState.STOPPING) {
                removals.add(Removal.of(runner, exitReason(runner)));
            } else if (runner.state() == RunnerState.ORPHAN && runner.instance().isPresent()) {
                removals.add(Removal.of(runner, runner.seenOnline() ? RemovalReason.LOST : RemovalReason.BOOT_TIMEOUT));
            } else if (runner.state() == RunnerState.ORPHAN && runner.registration().filter(r -> !r.online()).isPresent()) {
                // An online registration without our container may be someone else's runner: left alone.
                removals.add(Removal.of(runner, RemovalReason.ORPHAN_REGISTRATION));
            }
        }
        return removals;
    }

    /** The runner's own exit code for a version GitHub no longer accepts. */
    static final int VERSION_DEPRECATED_EXIT_CODE = 7;

    private static RemovalReason exitReason(RunnerView runner) {
        boolean deprecated = runner.instance().flatMap(i -> i.exitCode())
                .filter(code -> code == VERSION_DEPRECATED_EXIT_CODE).isPresent();
        return deprecated ? RemovalReason.RUNNER_VERSION_DEPRECATED
                : exitedBeforeOnline(runner) ? RemovalReason.START_FAILED : RemovalReason.EXITED;
    }

    /** Exit code 0 is a runner done with its job; anything else before it was ever online is a failed start. */
    private static boolean exitedBeforeOnline(RunnerView runner) {
        return !runner.seenOnline() && runner.instance().flatMap(i -> i.exitCode()).filter(code -> code != 0).isPresent();
    }

    /**
     * Longest idle first, only past IDLE_TIMEOUT and once the idleness is confirmed, never below MIN, and
     * never the idle runners that queued jobs or the warm pool need.
     */
    private static List<Removal> scaleDown(ScalingSettings settings, List<RunnerView> idle, int counted, int needed,
                                           Instant now) {
        List<RunnerView> expired = idle.stream()
                .filter(RunnerView::idleConfirmed)
                .filter(r -> Duration.between(r.idleSince().orElse(now), now).compareTo(settings.idleTimeout()) > 0)
                .toList();
        return ScaleDownSelection.pick(expired, counted, settings.minRunners(), idle.size() - needed).stream()
                .map(r -> Removal.of(r, RemovalReason.IDLE_TIMEOUT))
                .toList();
    }

    /** After failed starts only one probe runner boots at a time, and none before the backoff ends. */
    private static int allowedStarts(BackoffStatus backoff, int starting, Instant now) {
        if (backoff.blocksStartsAt(now)) {
            return 0;
        }
        if (backoff.probing()) {
            return starting == 0 ? 1 : 0;
        }
        return Integer.MAX_VALUE;
    }

    private static List<RunnerView> inState(Observation observation, RunnerState state) {
        return observation.runners().stream().filter(r -> r.state() == state).toList();
    }

    /** How long the job and the idle runner have both been waiting, each for the other. */
    private static Duration waitedBeside(QueuedJob job, RunnerView runner, Instant now) {
        Instant idleSince = runner.idleSince().orElse(now);
        Instant both = job.createdAt().isAfter(idleSince) ? job.createdAt() : idleSince;
        return Duration.between(both, now);
    }
}
