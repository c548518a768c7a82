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
import java.util.stream.Collectors;

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

        // Queued jobs go to idle runners first, then to booting ones; the rest are uncovered.
        int covered = Math.min(jobs.size(), idle.size() + starting);
        List<QueuedJob> uncovered = jobs.subList(covered, jobs.size());
        boolean thresholdMet = jobs.size() >= settings.scaleUpThreshold();
        List<QueuedJob> wanted = thresholdMet ? uncovered : uncovered.stream()
                .filter(job -> waited(job, now).compareTo(settings.pollInterval()) > 0).toList();
        int belowMin = Math.max(0, settings.minRunners() - counted);
        // A start failing right now is not in the backoff yet: its replacement waits for the backoff's verdict.
        boolean failingNow = removals.stream().anyMatch(r -> r.reason().failedStart());
        int allowed = failingNow ? 0 : allowedStarts(observation.backoff(), starting, now);
        int count = Math.min(Math.min(capacity, allowed), Math.max(wanted.size(), belowMin));

        List<Start> starts = new ArrayList<>();
        StartReason forJobs = thresholdMet ? StartReason.QUEUE : StartReason.STARVING_JOB;
        for (int i = 0; i < count; i++) {
            starts.add(i < wanted.size() ? new Start(forJobs, Optional.of(wanted.get(i).id()))
                    : new Start(StartReason.MIN_RUNNERS, Optional.empty()));
        }

        List<Removal> idleRemovals = starts.isEmpty() && jobs.size() <= settings.scaleDownThreshold()
                ? scaleDown(settings, idle, counted, jobs.size(), now) : List.of();
        removals.addAll(idleRemovals);

        QueueReasons reasons = new QueueReasons(jobs, idle.size(), covered, stuckJobs, starts,
                wanted.stream().map(QueuedJob::id).collect(Collectors.toSet()), capacity, observation.backoff(), now);
        return new Decision(counted - idleRemovals.size() + starts.size(), starts, removals,
                List.copyOf(stuckJobs), reasons.waits(observation.unservedJobs()));
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
            if (runner.state() == RunnerState.STOPPING) {
                removals.add(Removal.of(runner, exitedBeforeOnline(runner) ? RemovalReason.START_FAILED : RemovalReason.EXITED));
            } else if (runner.state() == RunnerState.ORPHAN && runner.instance().isPresent()) {
                removals.add(Removal.of(runner, runner.seenOnline() ? RemovalReason.LOST : RemovalReason.BOOT_TIMEOUT));
            } else if (runner.state() == RunnerState.ORPHAN && runner.registration().filter(r -> !r.online()).isPresent()) {
                // An online registration without our container may be someone else's runner: left alone.
                removals.add(Removal.of(runner, RemovalReason.ORPHAN_REGISTRATION));
            }
        }
        return removals;
    }

    /** Exit code 0 is a runner done with its job; anything else before it was ever online is a failed start. */
    private static boolean exitedBeforeOnline(RunnerView runner) {
        return !runner.seenOnline() && runner.instance().flatMap(i -> i.exitCode()).filter(code -> code != 0).isPresent();
    }

    /** Longest idle first, only past IDLE_TIMEOUT, never below MIN, and never the idle runners queued jobs need. */
    private static List<Removal> scaleDown(ScalingSettings settings, List<RunnerView> idle, int counted, int queued,
                                           Instant now) {
        long removable = Math.min(counted - settings.minRunners(), idle.size() - queued);
        return idle.stream()
                .filter(r -> Duration.between(r.idleSince().orElse(now), now).compareTo(settings.idleTimeout()) > 0)
                .sorted(Comparator.comparing(r -> r.idleSince().orElse(now)))
                .limit(Math.max(0, removable))
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

    private static Duration waited(QueuedJob job, Instant now) {
        return Duration.between(job.createdAt(), now);
    }

    /** How long the job and the idle runner have both been waiting, each for the other. */
    private static Duration waitedBeside(QueuedJob job, RunnerView runner, Instant now) {
        Instant idleSince = runner.idleSince().orElse(now);
        Instant both = job.createdAt().isAfter(idleSince) ? job.createdAt() : idleSince;
        return Duration.between(both, now);
    }
}
