package io.runnerorchestrator.adapter.github.scaleset;

import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RegistrationToken;

import java.util.List;
import java.util.Optional;

/**
 * The {@link GitHub} port in scale-set mode: the queue is what the scale set's messages say
 * ({@link ScaleSetDemand}), runners are registered, looked up one by one and removed through the Actions
 * service (whose agent record says online, while the messages say busy: {@link BusyRunners}), and the
 * full runner list still comes from the REST API, read with ETags, for the core's periodic full look.
 */
public final class ScaleSetGitHub implements GitHub {

    private final GitHub rest;
    private final ActionsServiceClient client;
    private final ScaleSetDemand demand;
    private final BusyRunners busy;

    public ScaleSetGitHub(GitHub rest, ActionsServiceClient client, ScaleSetDemand demand, BusyRunners busy) {
        this.rest = rest;
        this.client = client;
        this.demand = demand;
        this.busy = busy;
    }

    /** REST's busy flag lags a job's start by seconds: the messages' word counts too. */
    @Override
    public List<GitHubRunner> listRunners() {
        return rest.listRunners().stream().map(this::withBusy).toList();
    }

    /** Not a REST request: the core asks before each removal of an idle runner. */
    @Override
    public Optional<GitHubRunner> getRunner(long runnerId) {
        Optional<GitHubRunner> runner = client.runner(runnerId).map(this::withBusy);
        if (runner.isEmpty()) {
            busy.gone(runnerId);
        }
        return runner;
    }

    /** Not a REST request (the default reads the whole list). */
    @Override
    public Optional<GitHubRunner> runnerNamed(String name) {
        return client.runnerByName(name).map(this::withBusy);
    }

    private GitHubRunner withBusy(GitHubRunner runner) {
        return busy.busy(runner.id()) ? new GitHubRunner(runner.id(), runner.name(), runner.os(), runner.online(), true,
                runner.labels()) : runner;
    }

    /** Until the listener has the scale set, a pass observes nothing, so it starts nothing it cannot register. */
    @Override
    public List<QueuedJob> listQueuedJobs() {
        scaleSet();
        return demand.queued();
    }

    @Override
    public JitRunner generateJitConfig(JitRequest request) {
        return client.generateJitConfig(scaleSet().id(), request.name(), request.workFolder());
    }

    private ScaleSet scaleSet() {
        return demand.scaleSet().orElseThrow(() -> new GitHubException(GitHubException.Kind.SERVER_ERROR, 0,
                "the scale set is not ready yet (its listener has not found or created it)"));
    }

    @Override
    public RegistrationToken createRegistrationToken() {
        return rest.createRegistrationToken();
    }

    @Override
    public DeleteResult deleteRunner(long runnerId) {
        return client.removeRunner(runnerId);
    }

    @Override
    public RateLimitStatus rateLimit() {
        return rest.rateLimit();
    }
}
