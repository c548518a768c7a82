package io.runnerorchestrator.core;

import io.runnerorchestrator.core.Decision.Removal;
import io.runnerorchestrator.core.Decision.Start;
import io.runnerorchestrator.core.port.GitHub;
import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a {@link Decision}. A failure about one runner is logged and left for the next pass,
 * which sees the world again; only GitHub failures that stop all work (401, rate limit) are thrown.
 */
final class DecisionExecutor {
    private static final Logger log = LoggerFactory.getLogger(DecisionExecutor.class);

    private final GitHub github;
    private final RunnerBackend backend;
    private final RunnerProvisioner provisioner;
    private final JobClaims claims;
    private final StartFailureBackoff backoff;
    private final OrchestratorMetrics metrics;
    private final Clock clock;

    DecisionExecutor(GitHub github, RunnerBackend backend, RunnerProvisioner provisioner, JobClaims claims,
                     StartFailureBackoff backoff, OrchestratorMetrics metrics, Clock clock) {
        this.github = github;
        this.backend = backend;
        this.provisioner = provisioner;
        this.claims = claims;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What {@link #execute} did: the runners started, and what became of each removal, in order. */
    record Executed(List<String> started, Map<String, RemovalOutcome> removals) {
    }

    enum RemovalOutcome {
        REMOVED,
        /** GitHub showed the runner busy just before: it keeps its job. */
        KEPT_BUSY,
        /** Removed for being offline, but GitHub shows it online now. */
        KEPT_ONLINE,
        /** GitHub refused to delete the registration (422). */
        REFUSED,
        /** Docker or GitHub failed; the next pass sees the runner again. */
        FAILED
    }

    /**
     * Removals first (they free places under MAX), then starts, each in a place taken from
     * {@code slots}; nothing more is begun after {@code deadline}.
     */
    Executed execute(Decision decision, StartSlots slots, Instant deadline) {
        for (long jobId : decision.stuckJobs()) {
            log.warn("job.stuck job={} action=recycle_idle_runners", jobId);
            metrics.stuckJob(jobId);
        }
        Map<String, RemovalOutcome> removals = new LinkedHashMap<>();
        List<String> started = new ArrayList<>();
        for (Removal removal : decision.removals()) {
            if (pastDeadline(deadline)) {
                return new Executed(started, removals);
            }
            removals.put(removal.runnerName(), remove(removal));
        }
        for (Start start : decision.starts()) {
            if (pastDeadline(deadline) || !start(start, slots, started)) {
                break;
            }
        }
        return new Executed(started, removals);
    }

    private RemovalOutcome remove(Removal removal) {
        String name = removal.runnerName();
        try {
            if (removal.reason().keepsBusy()) {
                Removal current = withRegistrationMadeSince(removal);
                RemovalOutcome unregistered = current.registrationId().isPresent() ? unregister(current)
                        : RemovalOutcome.REMOVED;
                if (unregistered != RemovalOutcome.REMOVED) {
                    return unregistered;
                }
                if (removal.container()) {
                    backend.remove(name);
                }
            } else {
                removeForced(removal);
            }
            log.info("scale.down name={} reason={}", name, removal.reason());
            metrics.scaledDown(removal.reason());
            if (removal.reason().failedStart()) {
                backoff.recordFailure(clock.instant(), "runner " + name + ": " + removal.reason());
                metrics.startFailed(removal.reason() == RemovalReason.BOOT_TIMEOUT ? "boot_timeout" : "exited");
                logBackoff(name, removal.reason().name());
            }
            return RemovalOutcome.REMOVED;
        } catch (RunnerBackendException e) {
            log.warn("runner.remove.failed name={} reason={} error={}", name, removal.reason(), e.getMessage());
        } catch (GitHubException e) {
            rethrowIfAllWorkStops(e);
            log.warn("runner.remove.failed name={} reason={} kind={} error={}", name, removal.reason(), e.kind(),
                    e.getMessage());
        }
        return RemovalOutcome.FAILED;
    }

    /**
     * A runner that registers itself (token mode) may have registered, and taken a job, since the
     * observation that saw its container without a registration: look again by name before removing.
     */
    private Removal withRegistrationMadeSince(Removal removal) {
        if (removal.registrationId().isPresent() || !removal.container()) {
            return removal;
        }
        return github.listRunners().stream()
                .filter(runner -> runner.name().equals(removal.runnerName()))
                .findFirst()
                .map(runner -> new Removal(removal.runnerName(), Optional.of(runner.id()), true, removal.reason()))
                .orElse(removal);
    }

    /** The container first, which ends the job; GitHub refuses to delete a registration it still shows busy. */
    private void removeForced(Removal removal) {
        String name = removal.runnerName();
        if (removal.container()) {
            backend.remove(name);
        }
        removal.registrationId().ifPresent(id -> {
            if (github.deleteRunner(id) == GitHub.DeleteResult.REFUSED) {
                // Offline without container soon: a later pass deletes it as an orphan registration.
                log.info("runner.unregister.deferred name={} registration={} cause=still_busy_on_github", name, id);
            }
        });
    }

    /**
     * Deletes the registration unless GitHub now shows the runner busy, or online when it was removed for
     * being offline, or refuses; anything but REMOVED keeps the container.
     */
    private RemovalOutcome unregister(Removal removal) {
        String name = removal.runnerName();
        long registrationId = removal.registrationId().orElseThrow();
        Optional<GitHubRunner> current = github.getRunner(registrationId);
        if (current.isEmpty()) {
            return RemovalOutcome.REMOVED;
        }
        if (current.get().busy() || (current.get().online() && removal.reason().expectsOffline())) {
            log.info("runner.remove.skipped name={} registration={} cause={}", name, registrationId,
                    current.get().busy() ? "busy" : "online_now");
            return current.get().busy() ? RemovalOutcome.KEPT_BUSY : RemovalOutcome.KEPT_ONLINE;
        }
        if (github.deleteRunner(registrationId) == GitHub.DeleteResult.REFUSED) {
            log.warn("runner.remove.refused name={} registration={} action=keep_container", name, registrationId);
            return RemovalOutcome.REFUSED;
        }
        return RemovalOutcome.REMOVED;
    }

    /**
     * False when no further start should follow in this pass: starting failed (the backoff decides
     * about the next) or the cluster is at MAX.
     */
    private boolean start(Start start, StartSlots slots, List<String> started) {
        if (start.jobId().isPresent() && !claims.claim(start.jobId().get())) {
            log.info("runner.start.skipped job={} cause=already_claimed", start.jobId().get());
            return true;
        }
        if (!slots.take()) {
            start.jobId().ifPresent(claims::release);
            log.info("runner.start.skipped job={} cause=cluster_at_max",
                    start.jobId().map(String::valueOf).orElse("-"));
            return false;
        }
        ProvisionedRunner runner;
        try {
            runner = provisioner.provision();
        } catch (GitHubException e) {
            start.jobId().ifPresent(claims::release);
            rethrowIfAllWorkStops(e);
            log.warn("runner.register.failed kind={} status={} error={}", e.kind(), e.status(), e.getMessage());
            metrics.startFailed("registration_error");
            return false;
        }
        try {
            backend.start(runner.spec());
        } catch (RuntimeException e) {
            log.warn("runner.start.failed name={} cause=start_error error={}", runner.name(), e.getMessage());
            backoff.recordFailure(clock.instant(), String.valueOf(e.getMessage()));
            metrics.startFailed("start_error");
            logBackoff(runner.name(), "start_error");
            cleanUpFailedStart(runner);
            start.jobId().ifPresent(claims::release);
            return false;
        }
        slots.started();
        start.jobId().ifPresent(job -> claims.heldBy(runner.name(), job));
        started.add(runner.name());
        log.info("scale.up name={} reason={} job={}", runner.name(), start.reason(),
                start.jobId().map(String::valueOf).orElse("-"));
        metrics.scaledUp(start.reason());
        return true;
    }

    /** A half-made container and, in JIT mode, the registration made for it must not outlive a failed start. */
    private void cleanUpFailedStart(ProvisionedRunner runner) {
        try {
            backend.remove(runner.name());
        } catch (RuntimeException e) {
            log.warn("runner.cleanup.failed name={} part=container error={}", runner.name(), e.getMessage());
        }
        runner.registrationId().ifPresent(id -> {
            try {
                github.deleteRunner(id);
                log.info("runner.unregistered name={} registration={} cause=start_failed", runner.name(), id);
            } catch (GitHubException e) {
                // Left offline without container: the next pass deletes it as an orphan registration.
                log.warn("runner.cleanup.failed name={} part=registration registration={} error={}", runner.name(),
                        id, e.getMessage());
            }
        });
    }

    private void logBackoff(String name, String cause) {
        BackoffStatus status = backoff.status();
        log.warn("runner.start.backoff name={} cause={} consecutive_failures={} retry_at={}", name, cause,
                status.consecutiveFailures(), status.retryAt().map(Instant::toString).orElse("-"));
    }

    private boolean pastDeadline(Instant deadline) {
        if (clock.instant().isBefore(deadline)) {
            return false;
        }
        log.warn("reconcile.act.deadline_reached deadline={}", deadline);
        return true;
    }

    private static void rethrowIfAllWorkStops(GitHubException e) {
        if (e.kind() == GitHubException.Kind.UNAUTHORIZED || e.kind() == GitHubException.Kind.RATE_LIMITED) {
            throw e;
        }
    }
}
