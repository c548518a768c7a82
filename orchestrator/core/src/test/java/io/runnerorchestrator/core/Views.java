package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import io.runnerorchestrator.core.port.RunnerInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds observed runners and jobs for policy tables; the state comes from the real classifier. */
final class Views {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static long ids = 1;

    private Views() {
    }

    static ScalingSettings settings(int min, int max, int up, int down) {
        return new ScalingSettings(min, max, up, down, Duration.ofMinutes(5), Duration.ofSeconds(30), BOOT_TIMEOUT);
    }

    static RunnerView idle(String name, Duration idleFor) {
        return view(name, running(Duration.ofHours(1)), registration(name, true, false), Optional.of(NOW.minus(idleFor)),
                true);
    }

    static RunnerView busy(String name) {
        return view(name, running(Duration.ofHours(1)), registration(name, true, true), Optional.empty(), true);
    }

    /** A JIT runner booting for {@code age}: registered, offline, never online. Past the boot timeout it is an orphan. */
    static RunnerView starting(String name, Duration age) {
        return view(name, running(age), registration(name, false, false), Optional.empty(), false);
    }

    /** Was online, its registration is offline now while the container still runs. */
    static RunnerView lost(String name) {
        return view(name, running(Duration.ofHours(1)), registration(name, false, false), Optional.empty(), true);
    }

    static RunnerView exited(String name, int code, boolean seenOnline) {
        RunnerInstance instance = new RunnerInstance(name, "c-" + name, RunnerInstance.State.EXITED, "img",
                NOW.minus(Duration.ofMinutes(10)), Optional.of(code), "exited");
        return view(name, Optional.of(instance), Optional.empty(), Optional.empty(), seenOnline);
    }

    static RunnerView registrationOnly(String name, boolean online) {
        return view(name, Optional.empty(), registration(name, online, false), Optional.empty(), false);
    }

    static QueuedJob job(long id, Duration waited, String... labels) {
        List<String> runsOn = labels.length == 0 ? List.of("self-hosted") : List.of(labels);
        return new QueuedJob(id, id, "acme/app", runsOn, NOW.minus(waited));
    }

    static Observation observe(List<RunnerView> runners, List<QueuedJob> jobs) {
        return new Observation(runners, jobs, List.of(), BackoffStatus.NONE);
    }

    static BackoffStatus backoff(int failures, Instant retryAt) {
        return new BackoffStatus(failures, failures, Optional.of(retryAt), Optional.of("runner x: BOOT_TIMEOUT"),
                Optional.empty());
    }

    private static RunnerView view(String name, Optional<RunnerInstance> instance, Optional<GitHubRunner> registration,
                                   Optional<Instant> idleSince, boolean seenOnline) {
        RunnerState state = RunnerClassifier.classify(instance, registration, seenOnline, BOOT_TIMEOUT, NOW);
        return new RunnerView(name, state, instance, registration, idleSince, seenOnline, Optional.empty());
    }

    private static Optional<RunnerInstance> running(Duration age) {
        return Optional.of(new RunnerInstance("n", "c", RunnerInstance.State.RUNNING, "img", NOW.minus(age),
                Optional.empty(), ""));
    }

    private static Optional<GitHubRunner> registration(String name, boolean online, boolean busy) {
        return Optional.of(new GitHubRunner(ids++, name, "Linux", online, busy, Set.of("self-hosted", "Linux", "X64")));
    }
}
