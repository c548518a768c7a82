package io.runnerorchestrator.app.dashboard;

import io.runnerorchestrator.core.BackoffStatus;
import io.runnerorchestrator.core.ReconcileProblem;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.RateLimitStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health lines of the dashboard: GitHub, the runner backend, the cluster, failed starts and the
 * last error, each said in one line with what to do. Built from the last snapshot only: the page
 * refreshes often and must not make calls of its own to GitHub, Docker or Redis.
 */
final class HealthNotes {

    private static final String OK = "ok";
    private static final String WARN = "warn";
    private static final String ERROR = "error";
    /** Below this share of GitHub's budget the loop paces itself: worth a warning on the page. */
    private static final double LOW_BUDGET = 0.1;

    private final String backend;

    /** @param backend how runners are made, as the runner list says it (docker, simulated) */
    HealthNotes(String backend) {
        this.backend = backend;
    }

    List<DashboardState.HealthItem> of(ReconcileSnapshot snapshot, RateLimitStatus rate, ClusterView cluster) {
        Optional<ReconcileProblem> problem = snapshot.problem();
        return List.of(github(snapshot, problem, rate), backend(problem), cluster(cluster), starts(snapshot.backoff()),
                lastError(problem, snapshot.shuttingDown()));
    }

    private static DashboardState.HealthItem github(ReconcileSnapshot snapshot, Optional<ReconcileProblem> problem,
                                                    RateLimitStatus rate) {
        String budget = rate.known() ? rate.remaining() + " of " + rate.limit() + " requests left until "
                + rate.resetAt() : "budget not known yet";
        if (problem.isPresent()) {
            ReconcileProblem p = problem.get();
            switch (p.kind()) {
                case GITHUB_UNAUTHORIZED:
                    return item("GitHub", ERROR, "GitHub rejects the credentials: provisioning is paused",
                            "check GITHUB_TOKEN (or the GitHub App settings) and its scopes; it is retried every 5 minutes");
                case GITHUB_RATE_LIMITED:
                    return item("GitHub", WARN, "rate limited" + p.until().map(t -> " until " + t).orElse(""),
                            "nothing to do: work resumes at the reset; a longer POLL_INTERVAL spends less");
                case GITHUB_UNREACHABLE:
                    return item("GitHub", ERROR, "GitHub does not answer: " + p.message(),
                            "check the network and GITHUB_API_URL; the next pass tries again");
                default:
                    break;
            }
        }
        if (snapshot.pass() == 0) {
            return item("GitHub", WARN, "no pass has run yet", "wait for the first pass");
        }
        if (rate.known() && rate.limit() > 0 && rate.remaining() < rate.limit() * LOW_BUDGET) {
            return item("GitHub", WARN, "budget low: " + budget, "passes are spaced out until the reset; nothing to do");
        }
        return item("GitHub", OK, "answering; " + budget, "nothing to do");
    }

    private DashboardState.HealthItem backend(Optional<ReconcileProblem> problem) {
        String name = "Runner backend (" + backend + ")";
        if (problem.filter(p -> p.kind() == ReconcileProblem.Kind.BACKEND_UNAVAILABLE).isPresent()) {
            return item(name, ERROR, "does not answer: " + problem.get().message(),
                    "check the Docker engine (DOCKER_HOST, the socket's permissions); the next pass tries again");
        }
        return item(name, OK, "answering on the last pass", "nothing to do");
    }

    private static DashboardState.HealthItem cluster(ClusterView cluster) {
        if (!cluster.shared()) {
            return item("Cluster", OK, "one instance, coordinating in memory",
                    "nothing to do; set REDIS_URL to share one queue between instances");
        }
        List<String> members = new ArrayList<>();
        for (ClusterView.ClusterMember m : cluster.instances()) {
            members.add(m.id() + (m.id().equals(cluster.leader().orElse("")) ? " (leader)" : "")
                    + (m.id().equals(cluster.self()) ? " (this one)" : "") + ": " + (m.alive() ? "alive" : "silent")
                    + ", " + m.runners() + " runners" + m.minShare().map(s -> ", MIN share " + s).orElse(""));
        }
        if (cluster.degraded()) {
            return new DashboardState.HealthItem("Cluster (Redis)", ERROR,
                    "Redis unreachable: this instance runs on its own share of MAX_RUNNERS",
                    "check REDIS_URL and the Redis server; the instances rejoin on their own", members);
        }
        return new DashboardState.HealthItem("Cluster (Redis)", OK, cluster.alive() + " of " + cluster.instances().size()
                + " instances alive, leader " + cluster.leader().orElse("not elected yet"), "nothing to do", members);
    }

    private static DashboardState.HealthItem starts(BackoffStatus backoff) {
        if (backoff.consecutiveFailures() == 0) {
            return item("Runner starts", OK, backoff.totalFailures() == 0 ? "no failed start"
                    : backoff.totalFailures() + " failed starts so far, none since the last runner came online",
                    "nothing to do");
        }
        return item("Runner starts", WARN, backoff.consecutiveFailures() + " failed in a row"
                        + backoff.retryAt().map(t -> ", next try at " + t).orElse("")
                        + backoff.lastFailure().map(f -> "; last: " + f).orElse(""),
                "read a runner's logs; check ORCHESTRATOR_RUNNER_IMAGE and the registration; starts resume on their own");
    }

    private static DashboardState.HealthItem lastError(Optional<ReconcileProblem> problem, boolean shuttingDown) {
        if (shuttingDown) {
            return item("Last error", WARN, "the orchestrator is shutting down: no more runners start",
                    "nothing to do; busy runners finish their jobs");
        }
        return problem.map(p -> item("Last error", ERROR, p.waitReason().describe() + ": " + p.message(),
                        p.until().map(Instant::toString).map(t -> "resumes on its own at " + t)
                                .orElse("see the line above for what to do")))
                .orElse(item("Last error", OK, "none on the last pass", "nothing to do"));
    }

    private static DashboardState.HealthItem item(String name, String level, String summary, String action) {
        return new DashboardState.HealthItem(name, level, summary, action, List.of());
    }
}
