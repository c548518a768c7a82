package io.runnerorchestrator.githubsim;

import java.util.List;
import java.util.Set;

/** Workflow runs and jobs of a repository, and the repositories of an organisation. */
final class WorkflowEndpoints {
    private static final Set<String> CONCLUSIONS = Set.of("success", "failure", "cancelled", "skipped",
            "neutral", "timed_out", "action_required", "stale");

    private final SimWorld world;
    private final ScopeResolver scopes;
    private final GitHubJson json;
    private final PagedAnswer paged;

    WorkflowEndpoints(SimWorld world, GitHubJson json, String apiUrl) {
        this.world = world;
        this.scopes = new ScopeResolver(world);
        this.json = json;
        this.paged = new PagedAnswer(apiUrl);
    }

    void register(Router router) {
        router.add("GET", "/repos/{owner}/{repo}/actions/runs", this::runs)
                .add("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}", this::run)
                .add("GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs", this::jobsOfRun)
                .add("GET", "/repos/{owner}/{repo}/actions/jobs/{job_id}", this::job)
                .add("GET", "/orgs/{org}/repos", this::organizationRepositories);
    }

    /** {@code status} filters by status, or by conclusion when it names one (as GitHub does). */
    private ApiResponse runs(ApiRequest request, Router.PathParams path) {
        String status = request.queryParam("status");
        List<SimRun> all = world.runs(scopes.repository(path)).stream()
                .filter(run -> status == null || status.equals(CONCLUSIONS.contains(status) ? run.conclusion() : run.status()))
                .toList();
        return paged.wrapped(request, "workflow_runs", all, json::run);
    }

    private ApiResponse run(ApiRequest request, Router.PathParams path) {
        return world.run(scopes.repository(path), path.id("run_id"))
                .map(run -> ApiResponse.json(200, json.run(run)))
                .orElseThrow(ApiException::notFound);
    }

    /** Every job is of attempt 1, so {@code filter=latest} and {@code filter=all} agree. */
    private ApiResponse jobsOfRun(ApiRequest request, Router.PathParams path) {
        String filter = request.queryParam("filter");
        if (filter != null && !filter.equals("latest") && !filter.equals("all")) {
            throw ApiException.validation("\"filter\" must be latest or all, got " + filter + ".");
        }
        SimRun run = world.run(scopes.repository(path), path.id("run_id")).orElseThrow(ApiException::notFound);
        return paged.wrapped(request, "jobs", run.jobs(), job -> json.job(job, run.workflowName()));
    }

    private ApiResponse job(ApiRequest request, Router.PathParams path) {
        return world.job(scopes.repository(path), path.id("job_id"))
                .map(job -> ApiResponse.json(200, json.job(job, SimWorld.WORKFLOW_NAME)))
                .orElseThrow(ApiException::notFound);
    }

    private ApiResponse organizationRepositories(ApiRequest request, Router.PathParams path) {
        String org = scopes.organization(path);
        return paged.bare(request, world.repositoriesOf(org), json::repository);
    }
}
