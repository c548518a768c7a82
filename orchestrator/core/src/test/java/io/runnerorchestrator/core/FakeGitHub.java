package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RegistrationToken;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** GitHub in memory: runners, a job queue, and switches for refusals and failures. */
final class FakeGitHub implements GitHub {
    static final Set<String> DEFAULT_LABELS = Set.of("self-hosted", "Linux", "X64");

    private final Clock clock;
    private final Map<Long, GitHubRunner> runners = new LinkedHashMap<>();
    private final List<QueuedJob> queue = new ArrayList<>();
    private long nextId = 1;
    private GitHubException failure;
    private String failingCall;
    final List<JitRequest> jitRequests = new ArrayList<>();
    final Set<Long> refuseDelete = new HashSet<>();
    /** These runners take a job just before the orchestrator checks them: the race a removal must lose. */
    final Set<Long> takesJobWhenAsked = new HashSet<>();
    /** These runners connect just before the orchestrator checks them. */
    final Set<Long> comesOnlineWhenAsked = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    /** The job each runner took, by runner name. */
    private final Map<String, Long> jobOf = new HashMap<>();
    /** Token mode: this runner registers itself, busy at once, right after the next runner listing. */
    private String registersBusyAfterNextListing;
    private boolean listedSinceArmed;
    int tokensCreated;
    RateLimitStatus rateLimit = RateLimitStatus.UNKNOWN;

    FakeGitHub(Clock clock) {
        this.clock = clock;
    }

    // --- the port

    @Override
    public synchronized List<GitHubRunner> listRunners() {
        call("listRunners");
        if (registersBusyAfterNextListing != null && listedSinceArmed) {
            register(registersBusyAfterNextListing, Set.of(), true);
            takeJob(registersBusyAfterNextListing, -1);
            registersBusyAfterNextListing = null;
        }
        listedSinceArmed = true;
        return List.copyOf(runners.values());
    }

    @Override
    public synchronized Optional<GitHubRunner> getRunner(long runnerId) {
        call("getRunner");
        boolean takesJob = takesJobWhenAsked.remove(runnerId);
        if (takesJob || comesOnlineWhenAsked.remove(runnerId)) {
            GitHubRunner r = runners.get(runnerId);
            runners.put(runnerId, new GitHubRunner(r.id(), r.name(), r.os(), true, takesJob, r.labels()));
        }
        return Optional.ofNullable(runners.get(runnerId));
    }

    @Override
    public synchronized List<QueuedJob> listQueuedJobs() {
        call("listQueuedJobs");
        return List.copyOf(queue);
    }

    /** As the REST adapter's scan: the queue, and every busy runner with the job it runs. */
    @Override
    public synchronized QueueScan scanQueue() {
        call("listQueuedJobs");
        Map<String, Long> running = new HashMap<>();
        runners.values().stream().filter(GitHubRunner::busy)
                .forEach(r -> running.put(r.name(), jobOf.getOrDefault(r.name(), -1L)));
        return new QueueScan(queue, Optional.of(running));
    }

    @Override
    public synchronized JitRunner generateJitConfig(JitRequest request) {
        call("generateJitConfig");
        if (runner(request.name()).isPresent()) {
            throw new GitHubException(GitHubException.Kind.CONFLICT, 409, "POST generate-jitconfig: 409 name taken");
        }
        jitRequests.add(request);
        GitHubRunner runner = new GitHubRunner(nextId++, request.name(), "Linux", false, false,
                Set.copyOf(request.labels()));
        runners.put(runner.id(), runner);
        return new JitRunner(runner, "jit-secret-" + request.name());
    }

    @Override
    public synchronized RegistrationToken createRegistrationToken() {
        call("createRegistrationToken");
        tokensCreated++;
        return new RegistrationToken("reg-secret-" + tokensCreated, clock.instant().plus(Duration.ofHours(1)));
    }

    @Override
    public synchronized DeleteResult deleteRunner(long runnerId) {
        call("deleteRunner");
        if (refuseDelete.contains(runnerId)) {
            return DeleteResult.REFUSED;
        }
        return runners.remove(runnerId) == null ? DeleteResult.NOT_FOUND : DeleteResult.DELETED;
    }

    @Override
    public synchronized RateLimitStatus rateLimit() {
        return rateLimit;
    }

    private void call(String name) {
        calls.add(name);
        if (failure != null && (failingCall == null || failingCall.equals(name))) {
            throw failure;
        }
    }

    // --- what runners and users do

    /** Every call fails with this until {@link #heal()}; {@code onlyCall} null for every call. */
    synchronized void fail(GitHubException e, String onlyCall) {
        failure = e;
        failingCall = onlyCall;
    }

    synchronized void heal() {
        failure = null;
    }

    synchronized List<Long> enqueue(int count, String... labels) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = 1000 + queue.size() + nextId++;
            queue.add(new QueuedJob(id, id, "acme/app", List.of(labels), clock.instant()));
            ids.add(id);
        }
        return ids;
    }

    /** One job queued now, as its webhook would tell it. */
    synchronized QueuedJob enqueueJob(String... labels) {
        long id = enqueue(1, labels).get(0);
        return queue.stream().filter(job -> job.id() == id).findFirst().orElseThrow();
    }

    /** Users cancel every queued job. */
    synchronized void cancelQueued() {
        queue.clear();
    }

    synchronized List<QueuedJob> queue() {
        return List.copyOf(queue);
    }

    /** The race of a self-registering runner: absent from the next listing, registered and busy after it. */
    synchronized void registersBusyAfterNextListing(String name) {
        registersBusyAfterNextListing = name;
        listedSinceArmed = false;
    }

    /** Token mode: a runner registers itself and is online. */
    synchronized GitHubRunner register(String name, Set<String> labels, boolean online) {
        Set<String> all = new HashSet<>(DEFAULT_LABELS);
        all.addAll(labels);
        GitHubRunner runner = new GitHubRunner(nextId++, name, "Linux", online, false, all);
        runners.put(runner.id(), runner);
        return runner;
    }

    synchronized void setOnline(String name, boolean online) {
        GitHubRunner r = runner(name).orElseThrow();
        runners.put(r.id(), new GitHubRunner(r.id(), r.name(), r.os(), online, r.busy(), r.labels()));
    }

    /** The runner takes the oldest job whose labels it carries; false when none. */
    synchronized boolean takeJob(String name) {
        GitHubRunner r = runner(name).orElseThrow();
        Set<String> carried = r.labels().stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Optional<QueuedJob> job = queue.stream().sorted(Comparator.comparing(QueuedJob::createdAt))
                .filter(j -> j.labels().stream().allMatch(l -> carried.contains(l.toLowerCase(Locale.ROOT))))
                .findFirst();
        job.ifPresent(j -> {
            queue.remove(j);
            jobOf.put(name, j.id());
            runners.put(r.id(), new GitHubRunner(r.id(), r.name(), r.os(), true, true, r.labels()));
        });
        return job.isPresent();
    }

    /** The runner takes this very job, whatever the order. */
    synchronized void takeJob(String name, long jobId) {
        GitHubRunner r = runner(name).orElseThrow();
        queue.removeIf(j -> j.id() == jobId);
        jobOf.put(name, jobId);
        runners.put(r.id(), new GitHubRunner(r.id(), r.name(), r.os(), true, true, r.labels()));
    }

    /** An ephemeral runner finished its job: GitHub drops the registration. */
    synchronized void finishJob(String name) {
        runners.remove(runner(name).orElseThrow().id());
    }

    synchronized Optional<GitHubRunner> runner(String name) {
        return runners.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    synchronized List<GitHubRunner> runners() {
        return List.copyOf(runners.values());
    }

    synchronized long count(String call) {
        return calls.stream().filter(call::equals).count();
    }
}
