package io.runnerorchestrator.githubsim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.nio.charset.StandardCharsets;

/** Renders the simulator's runners, jobs, runs and repositories in GitHub's JSON shapes. */
final class GitHubJson {
    static final long DEFAULT_RUNNER_GROUP_ID = 1;
    static final String DEFAULT_RUNNER_GROUP_NAME = "Default";
    private static final String CREATED = "2026-01-01T00:00:00Z";

    private final String baseUrl;
    private final String apiUrl;
    private final List<String> repositories;

    /** @param baseUrl root of the web ({@code html_url}) links; {@code apiUrl} roots the API ({@code url}) links */
    GitHubJson(String baseUrl, String apiUrl, List<String> repositories) {
        this.baseUrl = baseUrl;
        this.apiUrl = apiUrl;
        this.repositories = List.copyOf(repositories);
    }

    ObjectNode runner(SimWorld.RunnerView view) {
        SimRunner runner = view.runner();
        ObjectNode node = Json.object()
                .put("id", runner.id())
                .put("name", runner.name())
                .put("os", "linux")
                .put("status", view.status())
                .put("busy", runner.busy())
                .put("ephemeral", runner.ephemeral())
                .put("runner_group_id", DEFAULT_RUNNER_GROUP_ID);
        ArrayNode labels = node.putArray("labels");
        SimRunner.READ_ONLY_LABELS.forEach(label -> labels.add(label(label, "read-only")));
        runner.customLabels().forEach(label -> labels.add(label(label, "custom")));
        return node;
    }

    ObjectNode job(SimJob job, String workflowName) {
        String repoApi = apiUrl + "/repos/" + job.repository();
        ObjectNode node = Json.object()
                .put("id", job.id())
                .put("run_id", job.runId())
                .put("workflow_name", workflowName)
                .put("head_branch", "main")
                .put("run_url", repoApi + "/actions/runs/" + job.runId())
                .put("run_attempt", 1)
                .put("node_id", nodeId("CR_", job.id()))
                .put("head_sha", sha(job.runId()))
                .put("url", repoApi + "/actions/jobs/" + job.id())
                .put("html_url", baseUrl + "/" + job.repository() + "/actions/runs/" + job.runId() + "/job/" + job.id())
                .put("status", job.status().apiName())
                .put("conclusion", job.conclusion())
                .put("created_at", Timestamps.iso(job.createdAt()))
                // GitHub reports a queued job as started when it was created.
                .put("started_at", Timestamps.iso(job.startedAt() != null ? job.startedAt() : job.createdAt()))
                .put("completed_at", Timestamps.iso(job.completedAt()))
                .put("name", job.name());
        node.set("steps", steps(job));
        node.put("check_run_url", repoApi + "/check-runs/" + job.id());
        node.set("labels", Json.strings(job.labels()));
        boolean taken = job.runnerId() != null;
        node.put("runner_id", job.runnerId())
                .put("runner_name", job.runnerName())
                .put("runner_group_id", taken ? DEFAULT_RUNNER_GROUP_ID : null)
                .put("runner_group_name", taken ? DEFAULT_RUNNER_GROUP_NAME : null);
        return node;
    }

    ObjectNode run(SimRun run) {
        String repoApi = apiUrl + "/repos/" + run.repository();
        String runApi = repoApi + "/actions/runs/" + run.id();
        ObjectNode node = Json.object()
                .put("id", run.id())
                .put("name", run.workflowName())
                .put("node_id", nodeId("WFR_", run.id()))
                .put("head_branch", "main")
                .put("head_sha", sha(run.id()))
                .put("path", ".github/workflows/ci.yml")
                .put("display_title", run.workflowName() + " #" + run.id())
                .put("run_number", run.id())
                .put("event", "push")
                .put("status", run.status())
                .put("conclusion", run.conclusion())
                .put("workflow_id", 1)
                .put("url", runApi)
                .put("html_url", baseUrl + "/" + run.repository() + "/actions/runs/" + run.id())
                .put("created_at", Timestamps.iso(run.createdAt()))
                .put("updated_at", Timestamps.iso(run.updatedAt()))
                .put("run_attempt", 1)
                .put("run_started_at", Timestamps.iso(run.startedAt()))
                .put("jobs_url", runApi + "/jobs")
                .put("logs_url", runApi + "/logs")
                .put("check_suite_url", repoApi + "/check-suites/" + run.id())
                .put("cancel_url", runApi + "/cancel")
                .put("rerun_url", runApi + "/rerun")
                .put("workflow_url", repoApi + "/actions/workflows/1");
        node.set("repository", repository(run.repository()));
        node.set("head_repository", repository(run.repository()));
        return node;
    }

    ObjectNode repository(String fullName) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        long id = 700_000 + repositories.indexOf(fullName);
        ObjectNode node = Json.object()
                .put("id", id)
                .put("node_id", nodeId("R_", id))
                .put("name", fullName.substring(fullName.indexOf('/') + 1))
                .put("full_name", fullName)
                .put("private", true);
        node.set("owner", owner(owner));
        return node.put("html_url", baseUrl + "/" + fullName)
                .put("description", (String) null)
                .put("fork", false)
                .put("url", apiUrl + "/repos/" + fullName)
                .put("created_at", CREATED)
                .put("updated_at", CREATED)
                .put("pushed_at", CREATED)
                .put("archived", false)
                .put("disabled", false)
                .put("visibility", "private")
                .put("default_branch", "main");
    }

    ObjectNode organization(String org) {
        String api = apiUrl + "/orgs/" + org;
        return Json.object()
                .put("login", org)
                .put("id", organizationId(org))
                .put("node_id", nodeId("O_", organizationId(org)))
                .put("url", api)
                .put("repos_url", api + "/repos")
                .put("events_url", api + "/events")
                .put("hooks_url", api + "/hooks")
                .put("issues_url", api + "/issues")
                .put("members_url", api + "/members{/member}")
                .put("public_members_url", api + "/public_members{/member}")
                .put("avatar_url", baseUrl + "/avatars/" + org)
                .put("description", "");
    }

    /** The account that caused webhook events. */
    ObjectNode sender() {
        return Json.object()
                .put("login", "sim-user")
                .put("id", 1)
                .put("node_id", nodeId("U_", 1))
                .put("url", apiUrl + "/users/sim-user")
                .put("html_url", baseUrl + "/sim-user")
                .put("type", "User")
                .put("site_admin", false);
    }

    ObjectNode runnerGroup() {
        return Json.object()
                .put("id", DEFAULT_RUNNER_GROUP_ID)
                .put("name", DEFAULT_RUNNER_GROUP_NAME)
                .put("visibility", "all")
                .put("default", true)
                .put("inherited", false)
                .put("allows_public_repositories", false)
                .put("restricted_to_workflows", false)
                .put("workflow_restrictions_read_only", false);
    }

    private ObjectNode owner(String org) {
        return Json.object()
                .put("login", org)
                .put("id", organizationId(org))
                .put("node_id", nodeId("O_", organizationId(org)))
                .put("url", apiUrl + "/users/" + org)
                .put("html_url", baseUrl + "/" + org)
                .put("type", "Organization")
                .put("site_admin", false);
    }

    private ArrayNode steps(SimJob job) {
        ArrayNode steps = Json.array();
        if (job.startedAt() == null) {
            return steps;
        }
        boolean done = job.completedAt() != null;
        steps.addObject()
                .put("name", "Run " + job.name())
                .put("status", job.status().apiName())
                .put("conclusion", job.conclusion())
                .put("number", 1)
                .put("started_at", Timestamps.iso(job.startedAt()))
                .put("completed_at", done ? Timestamps.iso(job.completedAt()) : null);
        return steps;
    }

    private static ObjectNode label(String name, String type) {
        // Stable ids per name: read-only labels first, custom ones derived from the lower-cased name.
        int readOnly = SimRunner.READ_ONLY_LABELS.indexOf(name);
        long id = readOnly >= 0 ? readOnly + 1 : 100 + Math.floorMod(name.toLowerCase(Locale.ROOT).hashCode(), 1_000_000);
        return Json.object().put("id", id).put("name", name).put("type", type);
    }

    private long organizationId(String org) {
        return 900_000 + Math.floorMod(org.toLowerCase(Locale.ROOT).hashCode(), 100_000);
    }

    private static String nodeId(String prefix, long id) {
        return prefix + Base64.getEncoder().withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sha(long seed) {
        return String.format("%040x", seed);
    }
}
