package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.adapter.github.RunJobsCache.RunJobs;
import io.runnerorchestrator.core.port.QueueScan;
import io.runnerorchestrator.core.port.QueuedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;

/**
 * Finds jobs waiting for a runner, and on the way the runner of each started job. GitHub has no
 * "queued jobs" list, so this walks the runs that can hold one (queued, and in_progress: a matrix run
 * starts while some of its jobs still wait) and reads their latest jobs; in org scope it does so for
 * every repository of the organisation. Every GET is conditional, so an unchanged picture costs 304
 * answers, which GitHub does not charge, and the jobs of a run whose {@code updated_at} has not moved are
 * not asked for at all.
 */
final class QueuedJobScanner {

    private static final List<String> RUN_STATUSES_WITH_WAITING_JOBS = List.of("queued", "in_progress");
    private static final Logger log = LoggerFactory.getLogger(QueuedJobScanner.class);

    private final GitHubScope scope;
    private final GitHubEndpoints endpoints;
    private final Pagination pages;
    private final GitHubJson json;
    private final Clock clock;
    private final RunJobsCache runJobs = new RunJobsCache();

    QueuedJobScanner(GitHubScope scope, GitHubEndpoints endpoints, Pagination pages, GitHubJson json, Clock clock) {
        this.scope = scope;
        this.endpoints = endpoints;
        this.pages = pages;
        this.json = json;
        this.clock = clock;
    }

    /** The waiting jobs, and the runners of the started jobs unless a repository could not be read. */
    QueueScan scan() {
        if (!scope.isOrganization()) {
            RunJobs jobs = jobsOf(scope.repository());
            return new QueueScan(jobs.queued(), Optional.of(jobs.running()));
        }
        List<QueuedJob> queued = new ArrayList<>();
        Map<String, Long> running = new HashMap<>();
        boolean skipped = false;
        for (String repository : organizationRepositories()) {
            try {
                RunJobs jobs = jobsOf(repository);
                queued.addAll(jobs.queued());
                running.putAll(jobs.running());
            } catch (GitHubException e) {
                // one repository gone or closed to us must not hide the others' queues
                if (e.kind() != GitHubException.Kind.NOT_FOUND && e.kind() != GitHubException.Kind.FORBIDDEN) {
                    throw e;
                }
                skipped = true;
                log.warn("github.repository_skipped repository={} status={} reason={}", repository, e.status(), e.getMessage());
            }
        }
        // a skipped repository's jobs may run on our runners: then the scan cannot say who is idle
        return new QueueScan(queued, skipped ? Optional.empty() : Optional.of(running));
    }

    private List<String> organizationRepositories() {
        ApiRequest request = endpoints.organizationRepositories();
        List<String> names = new ArrayList<>();
        for (JsonNode node : pages.all(request, null)) {
            GitHubWire.Repository repository = json.value(request, node, GitHubWire.Repository.class);
            if (repository.runsWorkflows()) {
                names.add(repository.fullName());
            }
        }
        return names;
    }

    private RunJobs jobsOf(String repository) {
        // a run may show up in both lists when it starts between the two calls: the later answer wins
        Map<Long, Instant> runs = new LinkedHashMap<>();
        for (String status : RUN_STATUSES_WITH_WAITING_JOBS) {
            ApiRequest request = endpoints.workflowRuns(repository, status);
            for (JsonNode node : pages.all(request, "workflow_runs")) {
                GitHubWire.Run run = json.value(request, node, GitHubWire.Run.class);
                runs.put(run.id(), run.updatedAt() == null ? Instant.EPOCH : run.updatedAt());
            }
        }
        runJobs.retain(repository, runs.keySet());
        Map<Long, QueuedJob> queued = new LinkedHashMap<>();
        Map<String, Long> running = new HashMap<>();
        runs.forEach((runId, updatedAt) -> {
            RunJobs jobs = jobsOfRun(repository, runId, updatedAt);
            jobs.queued().forEach(job -> queued.putIfAbsent(job.id(), job));
            running.putAll(jobs.running());
        });
        return new RunJobs(List.copyOf(queued.values()), running);
    }

    /** From the cache while the run's updated_at stands still (see {@link RunJobsCache}). */
    private RunJobs jobsOfRun(String repository, long runId, Instant updatedAt) {
        Optional<RunJobs> known = runJobs.jobs(repository, runId, updatedAt);
        if (known.isPresent()) {
            return known.get();
        }
        Instant readAt = clock.instant();
        ApiRequest request = endpoints.runJobs(repository, runId);
        List<QueuedJob> queued = new ArrayList<>();
        Map<String, Long> running = new HashMap<>();
        for (JsonNode node : readJobs(request, repository, runId)) {
            GitHubWire.Job job = json.value(request, node, GitHubWire.Job.class);
            if (job.queued()) {
                queued.add(job.toPort(repository));
            }
            job.runningOn().ifPresent(runner -> running.put(runner, job.id()));
        }
        RunJobs jobs = new RunJobs(queued, running);
        runJobs.put(repository, runId, updatedAt, readAt, jobs);
        return jobs;
    }

    private List<JsonNode> readJobs(ApiRequest request, String repository, long runId) {
        try {
            return pages.all(request, "jobs");
        } catch (GitHubException e) {
            if (e.kind() != GitHubException.Kind.NOT_FOUND) {
                throw e;
            }
            // the run was deleted between listing it and reading its jobs
            log.info("github.run_vanished repository={} run_id={}", repository, runId);
            return List.of();
        }
    }
}
