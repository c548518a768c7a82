package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubException;
import io.runnerorchestrator.core.port.GitHubException.Kind;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.RunnerBackend;
import io.runnerorchestrator.core.port.RunnerBackendException;
import io.runnerorchestrator.core.port.RunnerInstance;
import io.runnerorchestrator.core.port.RunnerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** When GitHub fails, nothing is removed on a partial picture, and a 401 pauses instead of looping. */
class ReconcilerFailureTest {
    private final TestWorld world = new TestWorld();

    @Test
    void aPartialPictureLeadsToNoAction() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.register("ro-test-orphan01", Set.of(), false);
        world.github.fail(new GitHubException(Kind.SERVER_ERROR, 502, "GET /repos/acme/app/actions/runs: 502"),
                "listQueuedJobs");

        ReconcileSnapshot failed = reconciler.reconcileOnce();

        assertThat(world.github.runner("ro-test-orphan01")).isPresent();
        assertThat(world.github.count("deleteRunner")).isZero();
        assertThat(failed.problem()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ReconcileProblem.Kind.GITHUB_UNREACHABLE);
            assertThat(p.message()).contains("502");
        });
        assertThat(failed.decision()).isEmpty();
        assertThat(world.metrics.passes).endsWith("github_error");

        world.github.heal();
        ReconcileSnapshot healed = reconciler.reconcileOnce();
        assertThat(world.github.runner("ro-test-orphan01")).isEmpty();
        assertThat(healed.problem()).isEmpty();
    }

    @Test
    void unauthorizedPausesProvisioningAndStopsAskingGitHubForAWhile() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(2, 5, 3, 1), TestWorld.jit());
        world.github.fail(new GitHubException(Kind.UNAUTHORIZED, 401, "GET /repos/acme/app/actions/runners: 401 Bad credentials"), null);

        ReconcileSnapshot paused = reconciler.reconcileOnce();

        Instant until = world.clock.instant().plus(Reconciler.UNAUTHORIZED_RETRY);
        assertThat(paused.problem()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ReconcileProblem.Kind.GITHUB_UNAUTHORIZED);
            assertThat(p.until()).contains(until);
        });
        long calls = world.github.calls.size();
        for (int i = 0; i < 9; i++) {
            world.later(Duration.ofSeconds(30));
            assertThat(reconciler.reconcileOnce().problem()).isPresent();
        }
        assertThat(world.github.calls).as("no GitHub call while paused").hasSize((int) calls);
        assertThat(world.backend.names()).isEmpty();

        world.github.heal();
        world.later(Duration.ofSeconds(30));
        ReconcileSnapshot resumed = reconciler.reconcileOnce();
        assertThat(resumed.problem()).isEmpty();
        assertThat(world.backend.names()).hasSize(2);
    }

    @Test
    void rateLimitedJobsSayUntilWhen() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.enqueue(1);
        reconciler.reconcileOnce();
        Instant retryAt = world.clock.instant().plusSeconds(120);
        world.github.fail(new GitHubException(Kind.RATE_LIMITED, 403, "GET /repos/acme/app/actions/runners: 403 rate limited",
                retryAt, null), null);

        ReconcileSnapshot limited = reconciler.reconcileOnce();

        assertThat(limited.queue()).singleElement()
                .satisfies(w -> assertThat(w.reason().describe()).isEqualTo("rate limited until " + retryAt));
        long calls = world.github.calls.size();
        world.later(Duration.ofSeconds(60));
        reconciler.reconcileOnce();
        assertThat(world.github.calls).as("waits for the reset").hasSize((int) calls);
    }

    @Test
    void aRunnerVersionGitHubNoLongerAcceptsHaltsStartsUntilARestart() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.enqueue(1);
        reconciler.reconcileOnce();
        RunnerSpec first = world.backend.started.get(0);
        assertThat(first.environment()).containsEntry("ACTIONS_RUNNER_RETURN_VERSION_DEPRECATED_EXIT_CODE", "1");

        world.backend.exit(first.name(), 7);
        reconciler.reconcileOnce();
        world.later(Duration.ofHours(1));
        ReconcileSnapshot halted = reconciler.reconcileOnce();

        assertThat(world.backend.started).as("no start after exit code 7, an hour later").hasSize(1);
        assertThat(world.backend.list()).as("the exited container removed").isEmpty();
        assertThat(halted.backoff().halted()).hasValueSatisfying(h -> assertThat(h).contains("exited with code 7"));
        assertThat(halted.queue()).singleElement().satisfies(w -> assertThat(w.reason().describe())
                .startsWith("starts halted: GitHub no longer accepts the runner version"));
    }

    @Test
    void aRunnerThatExitsWithCode7RightAfterStartHaltsStartsAtOnce() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.backend.exitAtStart = 7;
        world.enqueue(1);

        ReconcileSnapshot first = reconciler.reconcileOnce();
        world.later(Duration.ofHours(1));
        ReconcileSnapshot later = reconciler.reconcileOnce();

        assertThat(first.backoff().halted()).hasValueSatisfying(h -> assertThat(h).contains("exited with code 7"));
        assertThat(world.backend.startAttempts).as("no probe after the exit code 7, an hour later").isEqualTo(1);
        assertThat(later.queue()).singleElement().satisfies(w -> assertThat(w.reason().describe())
                .startsWith("starts halted"));
        assertThat(world.metrics.startFailures).containsExactly("version_deprecated");
        assertThat(world.github.runners()).as("its registration deleted").isEmpty();
    }

    @Test
    void anUnavailableBackendShowsInTheSnapshot() {
        FailingBackend backend = new FailingBackend();
        Reconciler broken = new Reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit(), world.github, backend,
                world.coordinator, world.metrics, world.clock);

        ReconcileSnapshot snapshot = broken.reconcileOnce();

        assertThat(snapshot.problem()).hasValueSatisfying(p ->
                assertThat(p.kind()).isEqualTo(ReconcileProblem.Kind.BACKEND_UNAVAILABLE));
        assertThat(world.github.count("generateJitConfig")).isZero();
    }

    /** A backend whose engine is down. */
    private static final class FailingBackend implements RunnerBackend {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public BackendHealth health() {
            return BackendHealth.down("Docker engine unreachable");
        }

        @Override
        public List<RunnerInstance> list() {
            throw new RunnerBackendException("-", "Docker engine unreachable", null);
        }

        @Override
        public RunnerInstance start(RunnerSpec spec) {
            throw new AssertionError("no start without a picture");
        }

        @Override
        public void remove(String runnerName) {
            throw new AssertionError("no removal without a picture");
        }

        @Override
        public String logs(String runnerName, int tail) {
            return "";
        }
    }
}
