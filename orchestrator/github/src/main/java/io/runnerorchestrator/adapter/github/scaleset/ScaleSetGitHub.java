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
 * ({@link ScaleSetDemand}), runners are registered and removed through the Actions service, and the
 * runner list (busy, online) still comes from the REST API, read with ETags.
 */
public final class ScaleSetGitHub implements GitHub {

    private final GitHub rest;
    private final ActionsServiceClient client;
    private final ScaleSetDemand demand;

    public ScaleSetGitHub(GitHub rest, ActionsServiceClient client, ScaleSetDemand demand) {
        this.rest = rest;
        this.client = client;
        this.demand = demand;
    }

    @Override
    public List<GitHubRunner> listRunners() {
        return rest.listRunners();
    }

    @Override
    public Optional<GitHubRunner> getRunner(long runnerId) {
        return rest.getRunner(runnerId);
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
