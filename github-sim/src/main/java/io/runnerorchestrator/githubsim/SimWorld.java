package io.runnerorchestrator.githubsim;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the simulated GitHub knows: repositories, runners, workflow runs and jobs. One
 * monitor guards it all; runners waiting for a job wait on it and are woken by every change.
 * Offline detection is evaluated on each access ({@link #sweep()}), and by a periodic caller.
 */
final class SimWorld {
    private static final Logger log = LoggerFactory.getLogger(SimWorld.class);
    static final String WORKFLOW_NAME = "CI";

    private final List<String> repositories;
    private final Duration offlineAfter;
    private final Clock clock;
    private final JobEvents events;
    private final SecureRandom random = new SecureRandom();
    private final RegistrationTokens tokens = new RegistrationTokens();
    private final Map<Long, SimRunner> runners = new LinkedHashMap<>();
    private final Map<Long, String> credentials = new LinkedHashMap<>();
    private final Map<Long, SimJob> jobs = new LinkedHashMap<>();
    private final Map<Long, RunHeader> runs = new LinkedHashMap<>();
    private volatile JobGate gate = JobGate.OPEN;
    private long nextRunnerId = 1;
    private long nextRunId = 5_000_001;
    private long nextJobId = 20_000_001;

    SimWorld(SimConfig config, JobEvents events) {
        this.repositories = config.repositories();
        this.offlineAfter = config.offlineAfter();
        this.clock = config.clock();
        this.events = events;
    }

    Instant now() {
        return clock.instant();
    }

    // ---- repositories -------------------------------------------------------------------------

    /** The repository as configured (GitHub matches owner and name ignoring case). */
    Optional<String> repository(String owner, String name) {
        String wanted = owner + "/" + name;
        return repositories.stream().filter(wanted::equalsIgnoreCase).findFirst();
    }

    /** An organisation exists when any configured repository belongs to it; its name as configured. */
    Optional<String> organization(String org) {
        return repositories.stream().map(repo -> repo.substring(0, repo.indexOf('/')))
                .filter(org::equalsIgnoreCase).findFirst();
    }

    List<String> repositoriesOf(String org) {
        return repositories.stream().filter(Scope.ofOrganization(org)::covers).toList();
    }

    // ---- runner registrations -----------------------------------------------------------------

    synchronized List<RunnerView> runners(Scope scope) {
        sweep();
        return runners.values().stream().filter(runner -> runner.scope().equals(scope)).map(this::view).toList();
    }

    synchronized Optional<RunnerView> runner(Scope scope, long id) {
        sweep();
        return Optional.ofNullable(runners.get(id)).filter(runner -> runner.scope().equals(scope)).map(this::view);
    }

    synchronized JitRegistration registerJit(Scope scope, String name, List<String> labels) {
        SimRunner runner = register(scope, name, labels, true);
        String credential = newCredential();
        credentials.put(runner.id(), credential);
        return new JitRegistration(view(runner), credential);
    }

    synchronized DeleteOutcome delete(Scope scope, long id) {
        sweep();
        SimRunner runner = runners.get(id);
        if (runner == null || !runner.scope().equals(scope)) {
            return DeleteOutcome.NOT_FOUND;
        }
        if (runner.busy()) {
            return DeleteOutcome.BUSY;
        }
        unregister(id);
        return DeleteOutcome.DELETED;
    }

    /** A registration token still valid, with the scope it was issued for. */
    synchronized Optional<RegistrationTokens.Issued> registrationToken(String token) {
        return tokens.valid(token, now());
    }

    /** Which runner may take which queued job besides the labels (the Actions service's acquisitions). */
    void gate(JobGate gate) {
        this.gate = gate;
    }

    /** Runners waiting for a job look again (a gate opened). */
    synchronized void wake() {
        notifyAll();
    }

    synchronized RegistrationTokens.Issued issueRegistrationToken(Scope scope) {
        return tokens.issue(scope, now());
    }

    synchronized RegistrationTokens.Issued issueRemoveToken(Scope scope) {
        return tokens.issueRemoveToken(scope, now());
    }

    // ---- runner protocol ----------------------------------------------------------------------

    synchronized long connectJit(long runnerId, String credential) {
        String expected = credentials.get(runnerId);
        if (expected == null) {
            throw new ApiException(404, "runner " + runnerId + " is not registered");
        }
        if (!expected.equals(credential)) {
            throw new ApiException(401, "Bad credentials");
        }
        touch(runnerId);
        return runnerId;
    }

    synchronized long connectWithToken(String token, Scope urlScope, String name, List<String> labels,
                                       boolean ephemeral) {
        RegistrationTokens.Issued issued = tokens.valid(token, now())
                .orElseThrow(() -> new ApiException(401, "Invalid or expired registration token"));
        if (!issued.scope().webPath().equalsIgnoreCase(urlScope.webPath())) {
            throw new ApiException(404, "registration token is not valid for " + urlScope.webPath());
        }
        SimRunner runner = register(issued.scope(), name, labels, ephemeral);
        touch(runner.id());
        return runner.id();
    }

    /** Waits up to {@code maxWait} for the oldest queued job this runner can take, and starts it. */
    synchronized Optional<SimJob> acquire(long runnerId, Duration maxWait) throws InterruptedException {
        sweep();
        SimRunner runner = requireRunner(runnerId);
        if (runner.busy()) {
            touch(runnerId);
            return Optional.of(jobs.get(runner.jobId()));
        }
        int session = runner.session();
        runners.put(runnerId, runner.pollStarted(now()));
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (true) {
                SimRunner current = requireRunner(runnerId);
                if (current.session() != session) {
                    return Optional.empty();
                }
                Optional<SimJob> job = oldestQueuedFor(current);
                if (job.isPresent()) {
                    return Optional.of(start(job.get(), runnerId));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } finally {
            runners.computeIfPresent(runnerId, (id, current) -> current.pollEnded(session, now()));
        }
    }

    /**
     * The runner shut down gracefully (a real runner deletes its session): it is offline at once
     * and its open poll ends. A job handed to it that it never reported on goes back to the queue.
     */
    synchronized void disconnect(long runnerId) {
        SimRunner runner = requireRunner(runnerId);
        if (runner.busy()) {
            SimJob requeued = jobs.get(runner.jobId()).requeued();
            jobs.put(requeued.id(), requeued);
            events.jobChanged("queued", requeued, WORKFLOW_NAME);
        }
        runners.put(runnerId, runner.disconnected());
        notifyAll();
    }

    synchronized void heartbeat(long runnerId) {
        requireRunner(runnerId);
        touch(runnerId);
    }

    synchronized SimJob complete(long runnerId, long jobId, String conclusion) {
        sweep();
        SimRunner runner = requireRunner(runnerId);
        if (runner.jobId() == null || runner.jobId() != jobId) {
            throw new ApiException(409, "job " + jobId + " is not running on runner " + runnerId);
        }
        SimJob done = finish(jobs.get(jobId), conclusion);
        if (runner.ephemeral()) {
            unregister(runnerId);
        } else {
            runners.put(runnerId, runner.withJob(null).contacted(now()));
        }
        return done;
    }

    // ---- workload -----------------------------------------------------------------------------

    synchronized Enqueued enqueue(Workload workload) {
        String repo = repositories.stream().filter(workload.repository()::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> new ApiException(404, "repository " + workload.repository() + " does not exist"));
        Instant now = now();
        List<Long> runIds = new ArrayList<>();
        List<Long> jobIds = new ArrayList<>();
        for (int i = 1; i <= workload.count(); i++) {
            if (!workload.isMatrix() || i == 1) {
                long runId = nextRunId++;
                runs.put(runId, new RunHeader(runId, repo, now, new ArrayList<>()));
                runIds.add(runId);
            }
            long runId = runIds.get(runIds.size() - 1);
            String name = workload.isMatrix() ? workload.jobName() + " (" + i + ")" : workload.jobName();
            SimJob job = SimJob.queued(nextJobId++, runId, repo, name, workload.labels(), workload.duration(), now);
            jobs.put(job.id(), job);
            runs.get(runId).jobIds().add(job.id());
            jobIds.add(job.id());
            events.jobChanged("queued", job, WORKFLOW_NAME);
        }
        notifyAll();
        return new Enqueued(runIds, jobIds);
    }

    /** Runs of a repository, newest first (as GitHub lists them). */
    synchronized List<SimRun> runs(String repository) {
        sweep();
        List<SimRun> found = new ArrayList<>();
        runs.values().stream().filter(run -> run.repository().equals(repository))
                .forEach(run -> found.add(0, toRun(run)));
        return found;
    }

    synchronized Optional<SimRun> run(String repository, long runId) {
        sweep();
        return Optional.ofNullable(runs.get(runId)).filter(run -> run.repository().equals(repository))
                .map(this::toRun);
    }

    synchronized Optional<SimJob> job(String repository, long jobId) {
        sweep();
        return Optional.ofNullable(jobs.get(jobId)).filter(job -> job.repository().equals(repository));
    }

    synchronized SimState state(SimState.Requests requests, SimState.Requests actionsRequests) {
        sweep();
        List<SimState.Job> jobViews = jobs.values().stream().map(job -> new SimState.Job(job.id(), job.runId(),
                job.repository(), job.status().apiName(), job.conclusion(), job.labels(), job.createdAt(),
                job.startedAt(), job.completedAt(), job.runnerId(), job.runnerName())).toList();
        List<SimState.Runner> runnerViews = runners.values().stream().map(this::view).map(view -> new SimState.Runner(
                view.runner().id(), view.runner().name(), view.status(), view.runner().busy(),
                view.runner().ephemeral(), view.runner().labels())).toList();
        return new SimState(jobViews, runnerViews, requests, actionsRequests);
    }

    /** Fails the job of every busy runner that went silent, as GitHub does when a runner is lost. */
    synchronized void sweep() {
        Instant now = now();
        for (SimRunner runner : List.copyOf(runners.values())) {
            if (runner.busy() && !runner.online(now, offlineAfter)) {
                log.warn("sim.job.failed_offline job={} runner={} silent_ms={}", runner.jobId(), runner.name(),
                        runner.lastContact() == null ? -1 : Duration.between(runner.lastContact(), now).toMillis());
                finish(jobs.get(runner.jobId()), "failure");
                runners.put(runner.id(), runner.withJob(null));
            }
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private SimRunner register(Scope scope, String name, List<String> labels, boolean ephemeral) {
        boolean taken = runners.values().stream()
                .anyMatch(runner -> runner.scope().equals(scope) && runner.name().equalsIgnoreCase(name));
        if (taken) {
            throw new ApiException(409, "Already exists - A runner with the name " + name + " already exists.");
        }
        SimRunner runner = SimRunner.registered(nextRunnerId++, name, scope, labels, ephemeral);
        runners.put(runner.id(), runner);
        return runner;
    }

    private void unregister(long runnerId) {
        runners.remove(runnerId);
        credentials.remove(runnerId);
        notifyAll();
    }

    private SimRunner requireRunner(long runnerId) {
        SimRunner runner = runners.get(runnerId);
        if (runner == null) {
            throw new ApiException(404, "runner " + runnerId + " is not registered");
        }
        return runner;
    }

    private void touch(long runnerId) {
        runners.computeIfPresent(runnerId, (id, runner) -> runner.contacted(now()));
    }

    private Optional<SimJob> oldestQueuedFor(SimRunner runner) {
        return jobs.values().stream()
                .filter(job -> job.status() == SimJob.JobStatus.QUEUED)
                .filter(job -> runner.scope().covers(job.repository()))
                .filter(job -> job.matches(runner))
                .filter(job -> gate.allows(job.id(), runner.id()))
                .findFirst();
    }

    private SimJob start(SimJob queued, long runnerId) {
        SimRunner runner = runners.get(runnerId);
        SimJob started = queued.startedBy(runner, now());
        jobs.put(started.id(), started);
        runners.put(runnerId, runner.withJob(started.id()));
        events.jobChanged("in_progress", started, WORKFLOW_NAME);
        return started;
    }

    private SimJob finish(SimJob job, String conclusion) {
        SimJob done = job.completed(conclusion, now());
        jobs.put(done.id(), done);
        events.jobChanged("completed", done, WORKFLOW_NAME);
        return done;
    }

    private String newCredential() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private RunnerView view(SimRunner runner) {
        return new RunnerView(runner, runner.online(now(), offlineAfter));
    }

    private SimRun toRun(RunHeader header) {
        return new SimRun(header.id(), header.repository(), WORKFLOW_NAME, header.createdAt(),
                header.jobIds().stream().map(jobs::get).toList());
    }

    private record RunHeader(long id, String repository, Instant createdAt, List<Long> jobIds) {
    }

    /** A runner with its status as of the read. */
    record RunnerView(SimRunner runner, boolean online) {
        String status() {
            return online ? "online" : "offline";
        }
    }

    /** A JIT registration; the credential goes into the encoded config only. */
    record JitRegistration(RunnerView runner, String credential) {
        @Override
        public String toString() {
            return "JitRegistration[runner=" + runner + ", credential=<redacted>]";
        }
    }

    record Enqueued(List<Long> runIds, List<Long> jobIds) {
    }

    enum DeleteOutcome { DELETED, NOT_FOUND, BUSY }

    /** Asked under the world's lock: implementations must not call the world. */
    interface JobGate {
        JobGate OPEN = (jobId, runnerId) -> true;

        boolean allows(long jobId, long runnerId);
    }
}
