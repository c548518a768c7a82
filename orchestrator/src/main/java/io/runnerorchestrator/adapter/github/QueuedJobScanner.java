package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubScope;
import io.runnerorchestrator.core.port.QueuedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds jobs waiting for a runner. GitHub has no "queued jobs" list, so this walks the runs that
 * can hold one (queued, and in_progress: a matrix run starts while some of its jobs still wait) and
 * reads their latest jobs; in org scope it does so for every repository of the organisation. Every
 * GET is conditional, so an unchanged picture costs 304 answers, which GitHub does not charge.
 */
final class QueuedJobScanner {

    private static final List<String> RUN_STATUSES_WITH_WAITING_JOBS = List.of("queued", "in_progress");
    private static final Logger log = LoggerFactory.getLogger(QueuedJobScanner.class);

    private final GitHubScope scope;
    private final GitHubEndpoints endpoints;
    private final Pagination pages;
    private final GitHubJson json;

    QueuedJobScanner(GitHubScope scope, GitHubEndpoints endpoints, Pagination pages, GitHubJson json) {
        this.scope = scope;
        this.endpoints = endpoints;
        this.pages = pages;
        this.json = json;
    }

    List<QueuedJob> scan() {
        if (!scope.isOrganization()) {
            return queuedJobsOf(scope.repository());
        }
        List<QueuedJob> jobs = new ArrayList<>();
        for (String repository : organizationRepositories()) {
            try {
                jobs.addAll(queuedJobsOf(repository));
            } catch (GitHubException e) {
                // one repository gone or closed to us must not hide the others' queues
                if (e.kind() != GitHubException.Kind.NOT_FOUND && e.kind() != GitHubException.Kind.FORBIDDEN) {
                    throw e;
                }
                log.warn("github.repository_skipped repository={} status={} reason={}", repository, e.status(), e.getMessage());
            }
        }
        return jobs;
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

    private List<QueuedJob> queuedJobsOf(String repository) {
        Set<Long> runIds = new LinkedHashSet<>();
        for (String status : RUN_STATUSES_WITH_WAITING_JOBS) {
            ApiRequest request = endpoints.workflowRuns(repository, status);
            for (JsonNode node : pages.all(request, "workflow_runs")) {
                runIds.add(json.value(request, node, GitHubWire.Run.class).id());
            }
        }
        // a run may show up in both lists when it starts between the two calls
        Map<Long, QueuedJob> jobs = new LinkedHashMap<>();
        for (long runId : runIds) {
            ApiRequest request = endpoints.runJobs(repository, runId);
            for (JsonNode node : jobsOfRun(request, repository, runId)) {
                GitHubWire.Job job = json.value(request, node, GitHubWire.Job.class);
                if (job.queued()) {
                    jobs.putIfAbsent(job.id(), job.toPort(repository));
                }
            }
        }
        return List.copyOf(jobs.values());
    }

    private List<JsonNode> jobsOfRun(ApiRequest request, String repository, long runId) {
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
