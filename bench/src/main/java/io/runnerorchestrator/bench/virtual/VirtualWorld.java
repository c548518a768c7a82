package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.measure.JobRecord;
import io.runnerorchestrator.core.port.GitHub.DeleteResult;
import io.runnerorchestrator.core.port.GitHubRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * GitHub's side of the virtual world: workflow runs and jobs, runner registrations, and dispatch.
 * A queued job goes to an idle online runner as soon as both exist (oldest job first, longest idle
 * runner first), as a runner's long poll would get it. Every job carries the labels every runner
 * has, so label matching is left out. Ephemeral runners are unregistered when their job completes.
 * With {@link #requireAcquisition()} (a runner scale set) a queued job goes to no runner until the
 * scale set acquired it ({@link #acquire}), as the Actions service hands a set's runners only the jobs
 * the set took.
 */
final class VirtualWorld {
    static final Set<String> RUNNER_LABELS = Set.of("self-hosted", "Linux", "X64");

    enum JobStatus { QUEUED, IN_PROGRESS, COMPLETED }

    static final class Job {
        final long id;
        final Run run;
        final Duration duration;
        final Instant queuedAt;
        JobStatus status = JobStatus.QUEUED;
        Instant startedAt;
        Instant completedAt;
        String runnerName;

        Job(long id, Run run, Duration duration, Instant queuedAt) {
            this.id = id;
            this.run = run;
            this.duration = duration;
            this.queuedAt = queuedAt;
        }
    }

    static final class Run {
        final long id;
        final Instant createdAt;
        final List<Job> jobs = new ArrayList<>();
        int queued;
        int completed;
        /** Bumped on every change GitHub's answers about the run or its jobs would show. */
        long version;

        Run(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        boolean isQueued() {
            return queued == jobs.size();
        }
    }

    static final class Registration {
        final long id;
        final String name;
        boolean online;
        boolean busy;
        long version;

        Registration(long id, String name) {
            this.id = id;
            this.name = name;
        }

        GitHubRunner view() {
            return new GitHubRunner(id, name, "linux", online, busy, RUNNER_LABELS);
        }
    }

    private final VirtualClock clock;
    private final EventQueue events;
    private final Duration settle;
    private final Map<Long, Registration> registrations = new LinkedHashMap<>();
    private final NavigableMap<Long, Run> openRuns = new TreeMap<>();
    private final List<Job> allJobs = new ArrayList<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Queued jobs no scale set has acquired yet (only with {@link #requireAcquisition()}). */
    private final Map<Long, Job> offered = new LinkedHashMap<>();
    private boolean acquisition;
    private final ArrayDeque<Registration> idleRunners = new ArrayDeque<>();
    private BiConsumer<String, Job> webhooks = (action, job) -> { };
    private Consumer<String> runnerExits = name -> { };
    private long nextRegistrationId = 1;
    private long nextRunId = 5_000_001;
    private long nextJobId = 20_000_001;
    private int active;
    private Instant idleSince;
    private Duration idle = Duration.ZERO;

    /** @param settle how long no job must be queued or running before the world counts as idle */
    VirtualWorld(VirtualClock clock, EventQueue events, Duration settle) {
        this.clock = clock;
        this.events = events;
        this.settle = settle;
    }

    /** {@code workflow_job} actions as they happen (queued, in_progress, completed), with their job. */
    void onJobEvent(BiConsumer<String, Job> listener) {
        this.webhooks = listener;
    }

    /** Names of runners whose process ended on its own (job done, or registration deleted). */
    void onRunnerExit(Consumer<String> listener) {
        this.runnerExits = listener;
    }

    /** From now on a queued job waits for {@link #acquire} before a runner can take it. */
    void requireAcquisition() {
        this.acquisition = true;
    }

    /**
     * The scale set takes these jobs (those still queued and on offer) and its idle runners may take
     * them at once; returns those it got.
     */
    List<Job> acquire(List<Job> jobs) {
        List<Job> acquired = new ArrayList<>();
        for (Job job : jobs) {
            if (job.status == JobStatus.QUEUED && offered.remove(job.id) != null) {
                acquired.add(job);
            }
        }
        return acquired;
    }

    /** After {@link #acquire}, once the caller has noted what it acquired: runners take those jobs. */
    void dispatchAcquired(List<Job> acquired) {
        queue.addAll(acquired);
        dispatch();
    }

    void enqueue(int jobCount, Duration duration) {
        Instant now = clock.instant();
        Run run = new Run(nextRunId++, now);
        openRuns.put(run.id, run);
        for (int i = 0; i < jobCount; i++) {
            Job job = new Job(nextJobId++, run, duration, now);
            run.jobs.add(job);
            run.queued++;
            allJobs.add(job);
            if (acquisition) {
                offered.put(job.id, job);
            } else {
                queue.add(job);
            }
            changeActive(+1);
            webhooks.accept("queued", job);
        }
        dispatch();
    }

    Registration register(String name) {
        Registration registration = new Registration(nextRegistrationId++, name);
        registrations.put(registration.id, registration);
        return registration;
    }

    /** The runner process came up: online and idle. False when its registration is gone (it exits). */
    boolean connect(long registrationId) {
        Registration registration = registrations.get(registrationId);
        if (registration == null) {
            return false;
        }
        registration.online = true;
        registration.version++;
        idleRunners.add(registration);
        dispatch();
        return true;
    }

    /** The process was killed: GitHub shows the runner offline. */
    void disconnect(long registrationId) {
        Registration registration = registrations.get(registrationId);
        if (registration != null && registration.online) {
            registration.online = false;
            registration.version++;
        }
    }

    Optional<Registration> registration(long id) {
        return Optional.ofNullable(registrations.get(id));
    }

    Collection<Registration> registrations() {
        return registrations.values();
    }

    DeleteResult delete(long id) {
        Registration registration = registrations.get(id);
        if (registration == null) {
            return DeleteResult.NOT_FOUND;
        }
        if (registration.busy) {
            return DeleteResult.REFUSED;
        }
        registrations.remove(id);
        if (registration.online) {
            runnerExits.accept(registration.name);
        }
        return DeleteResult.DELETED;
    }

    /** Runs not completed yet, by id (the newest last). */
    NavigableMap<Long, Run> openRuns() {
        return openRuns;
    }

    /** No job queued or running for {@code settle} since the trace began. */
    boolean idle() {
        return idleSince != null && !clock.instant().isBefore(idleSince.plus(settle));
    }

    boolean allDone() {
        return active == 0;
    }

    /** Time counted as {@link #idle()}, up to {@code end}. */
    Duration idleTime(Instant end) {
        return idleSince == null ? idle : idle.plus(settled(idleSince, end));
    }

    List<JobRecord> jobRecords() {
        return allJobs.stream().map(job -> new JobRecord(job.id, job.queuedAt, Optional.ofNullable(job.startedAt),
                Optional.ofNullable(job.completedAt), Optional.ofNullable(job.runnerName))).toList();
    }

    private void dispatch() {
        while (!queue.isEmpty()) {
            Registration runner = nextIdleRunner();
            if (runner == null) {
                return;
            }
            start(queue.poll(), runner);
        }
    }

    private Registration nextIdleRunner() {
        while (!idleRunners.isEmpty()) {
            Registration candidate = idleRunners.poll();
            if (candidate.online && !candidate.busy && registrations.containsKey(candidate.id)) {
                return candidate;
            }
        }
        return null;
    }

    private void start(Job job, Registration runner) {
        job.status = JobStatus.IN_PROGRESS;
        job.startedAt = clock.instant();
        job.runnerName = runner.name;
        job.run.queued--;
        job.run.version++;
        runner.busy = true;
        runner.version++;
        webhooks.accept("in_progress", job);
        events.at(job.startedAt.plus(job.duration), () -> complete(job, runner));
    }

    private void complete(Job job, Registration runner) {
        job.status = JobStatus.COMPLETED;
        job.completedAt = clock.instant();
        Run run = job.run;
        run.completed++;
        run.version++;
        if (run.completed == run.jobs.size()) {
            openRuns.remove(run.id);
        }
        registrations.remove(runner.id);
        changeActive(-1);
        runnerExits.accept(runner.name);
        webhooks.accept("completed", job);
    }

    private Duration settled(Instant from, Instant to) {
        Duration length = Duration.between(from, to).minus(settle);
        return length.isNegative() ? Duration.ZERO : length;
    }

    private void changeActive(int delta) {
        Instant now = clock.instant();
        if (active == 0 && delta > 0 && idleSince != null) {
            idle = idle.plus(settled(idleSince, now));
            idleSince = null;
        }
        active += delta;
        if (active == 0) {
            idleSince = now;
        }
    }
}
