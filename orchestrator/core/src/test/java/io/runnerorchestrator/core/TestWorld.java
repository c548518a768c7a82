package io.runnerorchestrator.core;

import io.runnerorchestrator.testkit.MutableClock;
import io.runnerorchestrator.core.RunnerSettings.RegistrationMode;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.GitHubScope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Docker and GitHub in memory, a hand-moved clock, and the runners' side of the protocol (boot, take a
 * job, finish it) for reconciler tests.
 */
final class TestWorld {
    static final String PREFIX = "ro-test";
    static final List<String> CUSTOM_LABELS = List.of("docker");

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    final FakeGitHub github = new FakeGitHub(clock);
    final FakeBackend backend = new FakeBackend(clock);
    final LocalCoordinator coordinator = new LocalCoordinator(clock);
    final RecordingMetrics metrics = new RecordingMetrics();

    /** Poll 30 s, idle timeout 5 min, boot timeout 120 s. */
    static ScalingSettings scaling(int min, int max, int up, int down) {
        return new ScalingSettings(min, max, up, down, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(120));
    }

    static RunnerSettings runnerSettings(RegistrationMode mode, GitHubScope scope) {
        return new RunnerSettings(PREFIX, CUSTOM_LABELS, mode, 1, List.of(), "_work", scope, "https://github.com");
    }

    static RunnerSettings jit() {
        return runnerSettings(RegistrationMode.JIT, GitHubScope.ofRepository("acme/app"));
    }

    Reconciler reconciler(ScalingSettings scaling, RunnerSettings runners) {
        return new Reconciler(scaling, runners, github, backend, coordinator, metrics, clock);
    }

    Reconciler reconciler(ScalingSettings scaling, RunnerSettings runners, GitHubNews news) {
        return new Reconciler(scaling, DecisionPolicy.SCALING_POLICY, runners, github, backend, coordinator, metrics,
                clock, news);
    }

    /** Every running container not yet online connects: JIT runners go online, token runners register. */
    void bootAll() {
        backend.list().stream().filter(i -> !i.gone()).forEach(i -> boot(i.name()));
    }

    void boot(String name) {
        if (github.runner(name).isPresent()) {
            github.setOnline(name, true);
        } else {
            github.register(name, Set.copyOf(CUSTOM_LABELS), true);
        }
    }

    /** Each idle runner of ours takes the oldest job it can. */
    void runnersTakeJobs() {
        github.runners().stream().filter(r -> r.online() && !r.busy()).map(GitHubRunner::name).forEach(github::takeJob);
    }

    /** Busy runners finish: GitHub drops the ephemeral registration and the container exits 0. */
    void finishJobs() {
        github.runners().stream().filter(GitHubRunner::busy).map(GitHubRunner::name).forEach(name -> {
            github.finishJob(name);
            backend.exit(name, 0);
        });
    }

    List<Long> enqueue(int count) {
        return github.enqueue(count, "self-hosted", "docker");
    }

    /** A first pass, a job, the pass that starts its runner, and the runner online: returns the job. */
    long bootedRunnerFor(Reconciler reconciler) {
        reconciler.reconcileOnce();
        long job = enqueue(1).get(0);
        reconciler.reconcileOnce();
        bootAll();
        return job;
    }

    void later(Duration by) {
        clock.advance(by);
    }
}
