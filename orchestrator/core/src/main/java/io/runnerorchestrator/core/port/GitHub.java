package io.runnerorchestrator.core.port;

import java.util.List;
import java.util.Optional;

/**
 * What the core needs from GitHub, for the one scope (a repository or an organisation) this
 * orchestrator serves. Implementations follow pagination, retry transient failures and throw
 * {@link GitHubException} with a {@link GitHubException.Kind} the core can act on.
 */
public interface GitHub {

    /** Every self-hosted runner registered in the scope (all pages). */
    List<GitHubRunner> listRunners();

    /** One runner, or empty when GitHub no longer knows it. */
    Optional<GitHubRunner> getRunner(long runnerId);

    /** The runner of this name, or empty; by default from the whole list, where no cheaper lookup exists. */
    default Optional<GitHubRunner> runnerNamed(String name) {
        return listRunners().stream().filter(runner -> runner.name().equals(name)).findFirst();
    }

    /**
     * Jobs that wait for a runner: status {@code queued}, found in queued and in_progress runs (a
     * matrix run turns in_progress while some of its jobs still wait); in org scope across the
     * organisation's repositories.
     */
    List<QueuedJob> listQueuedJobs();

    /**
     * The queue as {@link #listQueuedJobs()} finds it and, where the same reads tell it, which of the
     * scope's runners run a job now. By default the queue only.
     */
    default QueueScan scanQueue() {
        return QueueScan.queueOnly(listQueuedJobs());
    }

    /** Registers a just-in-time runner; the answer carries the secret config for the container. */
    JitRunner generateJitConfig(JitRequest request);

    /** A registration token for runners that configure themselves ({@code token} mode). */
    RegistrationToken createRegistrationToken();

    /** Deletes a registration. {@link DeleteResult#REFUSED} when GitHub answers 422 (e.g. busy). */
    DeleteResult deleteRunner(long runnerId);

    /** The last rate-limit figures GitHub sent, for pacing and status; never a request of its own. */
    RateLimitStatus rateLimit();

    enum DeleteResult { DELETED, NOT_FOUND, REFUSED }
}
