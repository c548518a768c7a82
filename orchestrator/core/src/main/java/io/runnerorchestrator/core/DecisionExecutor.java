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
    private final StartPool startPool;

    DecisionExecutor(GitHub github, RunnerBackend backend, RunnerProvisioner provisioner, JobClaims claims,
                     StartFailureBackoff backoff, OrchestratorMetrics metrics, Clock clock, StartPool startPool) {
        this.github = github;
        this.backend = backend;
        this.provisioner = provisioner;
        this.claims = claims;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
        this.startPool = startPool;
    }

    /**
     * What {@link #execute} did: the runners started, and what became of each removal, in order; and the
     * registrations made for the runners started (JIT mode).
     */
    record Executed(List<String> started, Map<String, RemovalOutcome> removals, List<GitHubRunner> registered) {
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
        List<ProvisionedRunner> started = new ArrayList<>();
        for (Removal removal : decision.removals()) {
            if (pastDeadline(deadline)) {
                return executed(started, removals);
            }
            removals.put(removal.runnerName(), remove(removal));
        }
        if (!decision.starts().isEmpty() && !pastDeadline(deadline)) {
            startAll(decision.starts(), slots, deadline, started);
        }
        return executed(started, removals);
    }

    private static Executed executed(List<ProvisionedRunner> started, Map<String, RemovalOutcome> removals) {
        return new Executed(started.stream().map(ProvisionedRunner::name).toList(), removals,
                started.stream().flatMap(r -> r.registration().stream()).toList());
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
            if (removal.reason() == RemovalReason.RUNNER_VERSION_DEPRECATED) {
                halt(name);
            } else if (removal.reason().failedStart()) {
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
     * observation that saw its container without a registration: look again by name before removing,
     * unless its container has exited.
     */
    private Removal withRegistrationMadeSince(Removal removal) {
        if (removal.registrationId().isPresent() || !removal.container() || removal.reason().containerExited()) {
            return removal;
        }
        return github.runnerNamed(removal.runnerName())
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
     * Claims the jobs, takes places under MAX for all starts at once, then registers and starts the
     * runners {@link StartPool concurrently}. Outcomes are handled here, on the pass's thread, in the
     * decision's order. After a failure no further start begins in this pass: the backoff decides about
     * the next one, and counts the failures of one pass as one.
     */
    private void startAll(List<Start> wanted, StartSlots slots, Instant deadline, List<ProvisionedRunner> started) {
        List<Start> claimed = new ArrayList<>();
        for (Start start : wanted) {
            if (start.jobId().isPresent() && !claims.claim(start.jobId().get())) {
                log.info("runner.start.skipped job={} cause=already_claimed", start.jobId().get());
            } else {
                claimed.add(start);
            }
        }
        int granted = slots.take(claimed.size());
        for (Start refused : claimed.subList(granted, claimed.size())) {
            refused.jobId().ifPresent(claims::release);
            log.info("runner.start.skipped job={} cause=cluster_at_max",
                    refused.jobId().map(String::valueOf).orElse("-"));
        }
        List<Start> starts = claimed.subList(0, granted);
        List<StartPool.Outcome<ProvisionedRunner>> outcomes = startPool.runAll(starts.size(), this::launch,
                () -> pastDeadline(deadline));
        boolean failureRecorded = false;
        GitHubException stopsAllWork = null;
        for (int i = 0; i < starts.size(); i++) {
            Start start = starts.get(i);
            StartPool.Outcome<ProvisionedRunner> outcome = outcomes.get(i);
            if (outcome.done().isPresent()) {
                ProvisionedRunner runner = outcome.done().get();
                slots.started();
                start.jobId().ifPresent(job -> claims.heldBy(runner.name(), job));
                started.add(runner);
                log.info("scale.up name={} reason={} job={}", runner.name(), start.reason(),
                        start.jobId().map(String::valueOf).orElse("-"));
                metrics.scaledUp(start.reason());
                continue;
            }
            start.jobId().ifPresent(claims::release);
            RuntimeException failure = outcome.failure().orElse(null);
            if (failure instanceof GitHubException e && stopsAllWork(e)) {
                stopsAllWork = e;
            } else if (failure != null) {
                failureRecorded |= failed(failure, !failureRecorded);
            }
        }
        if (stopsAllWork != null) {
            throw stopsAllWork;
        }
    }

    /** One runner: registered, then its container started; on failure nothing of it is left. */
    private ProvisionedRunner launch() {
        ProvisionedRunner runner = provisioner.provision();
        try {
            backend.start(runner.spec());
        } catch (RuntimeException e) {
            cleanUpFailedStart(runner);
            throw new StartFailure(runner.name(), e);
        }
        return runner;
    }

    /** Said once, as an error: nothing recovers from it without an operator. */
    private void halt(String name) {
        if (backoff.halt("runner " + name + " exited with code 7: GitHub no longer accepts its runner version;"
                + " update the runner image and restart the orchestrator")) {
            log.error("runner.version_deprecated name={} action=starts_halted detail=\"update the runner image"
                    + " (ORCHESTRATOR_RUNNER_IMAGE) and restart\"", name);
        }
        metrics.startFailed("version_deprecated");
    }

    /** Logs and counts one failed start; true when it went into the backoff. */
    private boolean failed(RuntimeException failure, boolean intoBackoff) {
        if (failure instanceof GitHubException e) {
            log.warn("runner.register.failed kind={} status={} error={}", e.kind(), e.status(), e.getMessage());
            metrics.startFailed("registration_error");
            return false;
        }
        String name = failure instanceof StartFailure f ? f.runnerName : "-";
        if (failure.getCause() instanceof RunnerBackendException e && e.exitCode()
                .filter(code -> code == ScalingPolicy.VERSION_DEPRECATED_EXIT_CODE).isPresent()) {
            // A runner that learns at once that GitHub no longer accepts its version: the same halt as a later exit 7.
            halt(name);
            return true;
        }
        String message = String.valueOf((failure instanceof StartFailure f ? f.getCause() : failure).getMessage());
        log.warn("runner.start.failed name={} cause=start_error error={}", name, message);
        metrics.startFailed("start_error");
        if (intoBackoff) {
            backoff.recordFailure(clock.instant(), message);
            logBackoff(name, "start_error");
        }
        return intoBackoff;
    }

    /** A container that would not start; its registration and container are already cleaned up. */
    private static final class StartFailure extends RuntimeException {
        private final String runnerName;

        StartFailure(String runnerName, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.runnerName = runnerName;
        }
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
        if (stopsAllWork(e)) {
            throw e;
        }
    }

    private static boolean stopsAllWork(GitHubException e) {
        return e.kind() == GitHubException.Kind.UNAUTHORIZED || e.kind() == GitHubException.Kind.RATE_LIMITED;
    }
}
