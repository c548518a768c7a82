package io.runnerorchestrator.app.api;

import io.runnerorchestrator.core.PassHealth;
import io.runnerorchestrator.core.ReconcileLoop;
import io.runnerorchestrator.core.ReconcileProblem;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /api/v1/health: live while it answers; ready when the runner backend says it can run runners
 * now (for Docker: the engine answers and has the image), GitHub accepted the credentials on the last
 * pass, and a reconcile pass completed within {@value PassHealth#STALE_AFTER_INTERVALS} poll
 * intervals. 503 when not ready. The backend's check is named after it (e.g. {@code docker}).
 */
@RestController
public class HealthController {

    public static final String PATH = "/api/v1/health";

    private final RunnerBackend backend;
    private final Reconciler reconciler;
    private final PassHealth passes;

    public HealthController(RunnerBackend backend, Reconciler reconciler, ReconcileLoop loop) {
        this.backend = backend;
        this.reconciler = reconciler;
        this.passes = loop.health();
    }

    @Operation(summary = "Liveness and readiness", description = "200 when ready, 503 when the runner backend cannot run runners (Docker: no engine or no image),"
            + " GitHub has not (yet) accepted the credentials, or no reconcile pass completed within 3 poll intervals.")
    @GetMapping(PATH)
    public ResponseEntity<HealthView> health() {
        Map<String, HealthView.Check> checks = new LinkedHashMap<>();
        BackendHealth runners = backend.health();
        checks.put(backend.name(), new HealthView.Check(runners.up(), runners.detail()));
        checks.put("github", github(reconciler.snapshot(), reconciler.rateLimit()));
        // Only when it happened: a runner version GitHub no longer accepts stops every start until a restart.
        reconciler.snapshot().backoff().halted()
                .ifPresent(halted -> checks.put("starts", new HealthView.Check(false, halted)));
        PassHealth.Status reconcile = passes.status();
        checks.put("reconcile", new HealthView.Check(reconcile.ready(), reconcile.describe()));
        boolean ready = checks.values().stream().allMatch(HealthView.Check::ok);
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new HealthView(ready ? "UP" : "DOWN", true, ready, checks));
    }

    /**
     * Authorized once a pass observed GitHub, or GitHub answered at all and the last pass was not refused
     * a 401 (a rate limit or an outage says nothing against the credentials).
     */
    static HealthView.Check github(ReconcileSnapshot snapshot, RateLimitStatus rateLimit) {
        if (snapshot.problem().filter(p -> p.kind() == ReconcileProblem.Kind.GITHUB_UNAUTHORIZED).isPresent()) {
            return new HealthView.Check(false, "GitHub rejected the credentials: " + snapshot.problem().get().message()
                    + "; check GITHUB_TOKEN");
        }
        if (snapshot.pass() == 0) {
            return new HealthView.Check(false, "no reconcile pass has run yet");
        }
        if (snapshot.decision().isPresent() || rateLimit.known()) {
            return new HealthView.Check(true, "authorized; last pass " + snapshot.pass() + " at " + snapshot.at());
        }
        return new HealthView.Check(false, "GitHub has not answered yet: "
                + snapshot.problem().map(ReconcileProblem::message).orElse("unknown"));
    }
}
