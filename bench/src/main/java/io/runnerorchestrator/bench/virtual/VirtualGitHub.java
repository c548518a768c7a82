package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.bench.virtual.VirtualWorld.Registration;
import io.runnerorchestrator.bench.virtual.VirtualWorld.Run;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RegistrationToken;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The GitHub port over the {@link VirtualWorld}, for one repository. It answers at once and makes,
 * for the {@link ConditionalRequests} model, the same requests HttpGitHub makes for each call: the
 * runner list page by page; the queued and the in_progress runs page by page, then the jobs of
 * each of those runs (whose started jobs name their runners); a GET of the runner before deleting it.
 * Times come back in whole seconds as GitHub's JSON has them.
 */
final class VirtualGitHub implements GitHub {
    static final String JIT_PREFIX = "virtual-jit:";
    private static final int PAGE = 100;
    private static final String SCOPE = "GET /repos/{owner}/{repo}";
    static final List<String> JOB_LABELS = List.of("self-hosted", "linux");

    private final VirtualWorld world;
    private final ConditionalRequests requests;
    private final Clock clock;
    private final String repository;
    /** Run id to the pages of jobs fetched on the last scan. */
    private Map<Long, Integer> scannedRuns = Map.of();
    /** The version of each listed run whose jobs were last read. */
    private final Map<Long, Long> jobsReadAt = new HashMap<>();

    VirtualGitHub(VirtualWorld world, ConditionalRequests requests, Clock clock, String repository) {
        this.world = world;
        this.requests = requests;
        this.clock = clock;
        this.repository = repository;
    }

    @Override
    public List<GitHubRunner> listRunners() {
        List<Registration> all = new ArrayList<>(world.registrations());
        for (int page = 0; page < pages(all.size()); page++) {
            long fingerprint = all.size();
            for (Registration r : all.subList(page * PAGE, Math.min(all.size(), (page + 1) * PAGE))) {
                fingerprint = fingerprint * 31 + r.id * 17 + r.version;
            }
            requests.get(SCOPE + "/actions/runners", "runners?page=" + page, fingerprint);
        }
        return all.stream().map(Registration::view).toList();
    }

    @Override
    public Optional<GitHubRunner> getRunner(long runnerId) {
        Optional<Registration> registration = world.registration(runnerId);
        if (registration.isEmpty()) {
            requests.charged(SCOPE + "/actions/runners/{runner_id}");
            return Optional.empty();
        }
        requests.get(SCOPE + "/actions/runners/{runner_id}", "runner/" + runnerId, registration.get().version);
        return registration.map(Registration::view);
    }

    @Override
    public List<QueuedJob> listQueuedJobs() {
        return scanQueue().queued();
    }

    @Override
    public QueueScan scanQueue() {
        List<Run> newestFirst = new ArrayList<>(world.openRuns().descendingMap().values());
        List<Run> queuedRuns = listRuns("queued", newestFirst, Run::isQueued);
        List<Run> startedRuns = listRuns("in_progress", newestFirst, run -> !run.isQueued());
        Map<Long, Integer> scanned = new HashMap<>();
        List<QueuedJob> jobs = new ArrayList<>();
        Map<String, Long> running = new HashMap<>();
        for (List<Run> runs : List.of(queuedRuns, startedRuns)) {
            for (Run run : runs) {
                int pages = pages(run.jobs.size());
                scanned.put(run.id, pages);
                // HttpGitHub reads a run's jobs again only when the run's updated_at moved (RunJobsCache)
                if (!Long.valueOf(run.version).equals(jobsReadAt.put(run.id, run.version))) {
                    for (int page = 0; page < pages; page++) {
                        requests.get(SCOPE + "/actions/runs/{run_id}/jobs", jobsUrl(run.id, page), run.version);
                    }
                }
                run.jobs.stream().filter(job -> job.status == VirtualWorld.JobStatus.QUEUED)
                        .map(job -> new QueuedJob(job.id, run.id, repository, JOB_LABELS,
                                job.queuedAt.truncatedTo(ChronoUnit.SECONDS)))
                        .forEach(jobs::add);
                run.jobs.stream().filter(job -> job.status == VirtualWorld.JobStatus.IN_PROGRESS)
                        .forEach(job -> running.put(job.runnerName, job.id));
            }
        }
        scannedRuns.forEach((runId, pages) -> {
            for (int page = 0; !scanned.containsKey(runId) && page < pages; page++) {
                requests.forget(jobsUrl(runId, page));
            }
        });
        scannedRuns = scanned;
        jobsReadAt.keySet().retainAll(scanned.keySet());
        return new QueueScan(jobs, Optional.of(running));
    }

    @Override
    public JitRunner generateJitConfig(JitRequest request) {
        requests.charged("POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig");
        Registration registration = world.register(request.name());
        return new JitRunner(registration.view(), JIT_PREFIX + registration.id);
    }

    @Override
    public RegistrationToken createRegistrationToken() {
        requests.charged("POST /repos/{owner}/{repo}/actions/runners/registration-token");
        return new RegistrationToken("virtual-token", clock.instant().plus(Duration.ofHours(1)));
    }

    @Override
    public DeleteResult deleteRunner(long runnerId) {
        requests.charged("DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}");
        requests.forget("runner/" + runnerId);
        return world.delete(runnerId);
    }

    @Override
    public RateLimitStatus rateLimit() {
        return requests.status();
    }

    private List<Run> listRuns(String status, List<Run> newestFirst, Predicate<Run> withStatus) {
        List<Run> runs = newestFirst.stream().filter(withStatus).toList();
        for (int page = 0; page < pages(runs.size()); page++) {
            long fingerprint = runs.size();
            for (Run run : runs.subList(page * PAGE, Math.min(runs.size(), (page + 1) * PAGE))) {
                fingerprint = fingerprint * 31 + run.id * 17 + run.version;
            }
            requests.get(SCOPE + "/actions/runs", "runs?status=" + status + "&page=" + page, fingerprint);
        }
        return runs;
    }

    /** An empty list is one page too. */
    private static int pages(int items) {
        return Math.max(1, (items + PAGE - 1) / PAGE);
    }

    private static String jobsUrl(long runId, int page) {
        return "runs/" + runId + "/jobs?page=" + page;
    }
}
