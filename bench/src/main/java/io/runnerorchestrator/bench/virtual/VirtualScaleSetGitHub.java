package io.runnerorchestrator.bench.virtual;

import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.JitRequest;
import io.runnerorchestrator.core.port.JitRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RateLimitStatus;
import io.runnerorchestrator.core.port.RegistrationToken;

import java.util.List;
import java.util.Optional;

/**
 * The GitHub port in scale-set mode, as ScaleSetGitHub composes it: the queue from the scale set's
 * messages (no request), registrations, runner lookups and removals through the Actions service, and
 * only the full runner list (with ETags) and registration tokens from the REST API.
 */
final class VirtualScaleSetGitHub implements GitHub {
    private final VirtualGitHub rest;
    private final VirtualScaleSet scaleSet;

    VirtualScaleSetGitHub(VirtualGitHub rest, VirtualScaleSet scaleSet) {
        this.rest = rest;
        this.scaleSet = scaleSet;
    }

    @Override
    public List<GitHubRunner> listRunners() {
        return rest.listRunners();
    }

    @Override
    public Optional<GitHubRunner> getRunner(long runnerId) {
        return scaleSet.agent(runnerId);
    }

    @Override
    public Optional<GitHubRunner> runnerNamed(String name) {
        return scaleSet.agentNamed(name);
    }

    @Override
    public List<QueuedJob> listQueuedJobs() {
        return scaleSet.queued();
    }

    @Override
    public JitRunner generateJitConfig(JitRequest request) {
        return scaleSet.generateJitConfig(request.name());
    }

    @Override
    public RegistrationToken createRegistrationToken() {
        return rest.createRegistrationToken();
    }

    @Override
    public DeleteResult deleteRunner(long runnerId) {
        return scaleSet.remove(runnerId);
    }

    @Override
    public RateLimitStatus rateLimit() {
        return rest.rateLimit();
    }
}
