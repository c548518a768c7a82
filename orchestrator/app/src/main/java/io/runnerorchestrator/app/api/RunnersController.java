package io.runnerorchestrator.app.api;

import io.runnerorchestrator.app.config.OrchestratorConfig;
import io.runnerorchestrator.core.ManualScaling;
import io.runnerorchestrator.core.ReconcileSnapshot;
import io.runnerorchestrator.core.Reconciler;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/** The runners: list them, scale by hand, remove one, read one's logs. */
@RestController
public class RunnersController {

    public static final String PATH = "/api/v1/runners";
    static final String BEARER = "bearer";

    private final Reconciler reconciler;
    private final ManualScaling scaling;
    private final RunnerBackend backend;
    private final OrchestratorConfig config;
    private final JsonMapper json;

    public RunnersController(Reconciler reconciler, ManualScaling scaling, RunnerBackend backend,
                             OrchestratorConfig config, JsonMapper json) {
        this.reconciler = reconciler;
        this.scaling = scaling;
        this.backend = backend;
        this.config = config;
        this.json = json;
    }

    @Operation(summary = "Every runner of this instance, Docker's and GitHub's views merged, as of the last pass")
    @GetMapping(PATH)
    public RunnerList runners() {
        ReconcileSnapshot snapshot = reconciler.snapshot();
        List<RunnerJson> runners = snapshot.runners().stream()
                .map(r -> RunnerJson.of(r, config.runner().labels())).toList();
        return new RunnerList(snapshot.pass() == 0 ? null : snapshot.at(), runners);
    }

    @Operation(summary = "Start runners now, within MAX_RUNNERS", description = "Body {\"count\": n} (default 1)."
            + " Runners beyond what the queue needs idle and are removed after IDLE_TIMEOUT. 409 at MAX_RUNNERS.",
            security = @SecurityRequirement(name = BEARER),
            requestBody = @RequestBody(required = false, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(example = "{\"count\": 2}"))))
    @ApiTokenRequired
    @PostMapping(PATH + "/scale-up")
    public ScaleAnswer scaleUp(HttpServletRequest request) throws IOException {
        int count = ApiInput.count(ApiInput.body(request), json, config.scaling().maxRunners());
        ManualScaling.Result result = scaling.scaleUp(count);
        return new ScaleAnswer("scale-up", result.runners(), result.detail());
    }

    @Operation(summary = "Remove idle runners, longest idle first, never below MIN_RUNNERS",
            description = "Body {\"count\": n} (default 1). 409 when no idle runner can go.",
            security = @SecurityRequirement(name = BEARER),
            requestBody = @RequestBody(required = false, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(example = "{\"count\": 1}"))))
    @ApiTokenRequired
    @PostMapping(PATH + "/scale-down")
    public ScaleAnswer scaleDown(HttpServletRequest request) throws IOException {
        int count = ApiInput.count(ApiInput.body(request), json, config.scaling().maxRunners());
        ManualScaling.Result result = scaling.scaleDown(count);
        return new ScaleAnswer("scale-down", result.runners(), result.detail());
    }

    @Operation(summary = "Unregister and remove one runner",
            description = "A busy runner (checked on GitHub just before) gets 409 unless force=true, which cancels"
                    + " its job. Unknown id: 404.", security = @SecurityRequirement(name = BEARER))
    @ApiTokenRequired
    @DeleteMapping(PATH + "/{runnerId}")
    public ScaleAnswer remove(@Parameter(description = "The runner's name (id in GET /api/v1/runners)")
                              @PathVariable String runnerId,
                              @Parameter(description = "Remove it even while it runs a job")
                              @RequestParam(required = false) String force) {
        boolean forced = ApiInput.force(force);
        ManualScaling.Result result = scaling.remove(runnerId, forced);
        return new ScaleAnswer("remove", result.runners(), result.detail());
    }

    @Operation(summary = "The last lines of the runner container's output", security = @SecurityRequirement(name = BEARER))
    @ApiTokenRequired
    @GetMapping(value = PATH + "/{runnerId}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
    public String logs(@PathVariable String runnerId,
                       @Parameter(description = "Lines from the end, 1 to 10000 (default 100)")
                       @RequestParam(required = false) String tail) {
        int lines = ApiInput.tail(tail);
        boolean exists = backend.list().stream().map(RunnerInstance::name)
                .anyMatch(runnerId::equals);
        if (!exists) {
            throw ApiProblem.notFound("no container for runner '" + runnerId + "' among this instance's runners"
                    + " (see GET " + PATH + ")");
        }
        return backend.logs(runnerId, lines);
    }
}
