package io.runnerorchestrator.adapter.github;

import io.runnerorchestrator.core.port.GitHubScope;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the REST calls the client makes, for one scope, with full page size. */
final class GitHubEndpoints {

    static final int PAGE_SIZE = 100;

    private final String apiUrl;
    private final GitHubScope scope;
    private final String scopeTemplate;

    GitHubEndpoints(URI apiUrl, GitHubScope scope) {
        this.apiUrl = apiUrl.toString();
        this.scope = scope;
        this.scopeTemplate = scope.isOrganization() ? "/orgs/{org}" : "/repos/{owner}/{repo}";
    }

    ApiRequest listRunners() {
        return scoped("GET", "/actions/runners", "?per_page=" + PAGE_SIZE, null);
    }

    ApiRequest getRunner(long runnerId) {
        return new ApiRequest("GET", "GET " + scopeTemplate + "/actions/runners/{runner_id}",
                uri(scope.apiPath() + "/actions/runners/" + runnerId), null);
    }

    ApiRequest deleteRunner(long runnerId) {
        return new ApiRequest("DELETE", "DELETE " + scopeTemplate + "/actions/runners/{runner_id}",
                uri(scope.apiPath() + "/actions/runners/" + runnerId), null);
    }

    ApiRequest registrationToken() {
        return scoped("POST", "/actions/runners/registration-token", "", null);
    }

    /** Not idempotent: each call that GitHub processes registers a runner, whether its answer arrives or not. */
    ApiRequest generateJitConfig(String jsonBody) {
        return scoped("POST", "/actions/runners/generate-jitconfig", "", jsonBody).notIdempotent();
    }

    /** Runs of a repository ({@code owner/name}) with one status. */
    ApiRequest workflowRuns(String repository, String status) {
        return new ApiRequest("GET", "GET /repos/{owner}/{repo}/actions/runs",
                uri("/repos/" + repository + "/actions/runs?status=" + encode(status) + "&per_page=" + PAGE_SIZE), null);
    }

    /** The latest attempt's jobs of one run. */
    ApiRequest runJobs(String repository, long runId) {
        return new ApiRequest("GET", "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
                uri("/repos/" + repository + "/actions/runs/" + runId + "/jobs?filter=latest&per_page=" + PAGE_SIZE), null);
    }

    ApiRequest organizationRepositories() {
        return new ApiRequest("GET", "GET /orgs/{org}/repos",
                uri("/orgs/" + scope.organization() + "/repos?per_page=" + PAGE_SIZE), null);
    }

    private ApiRequest scoped(String method, String suffix, String query, String body) {
        return new ApiRequest(method, method + " " + scopeTemplate + suffix, uri(scope.apiPath() + suffix + query), body);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(apiUrl + pathAndQuery);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
