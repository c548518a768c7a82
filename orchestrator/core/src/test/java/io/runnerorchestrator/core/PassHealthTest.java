package io.runnerorchestrator.core;

import io.runnerorchestrator.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness from the passes: a completed pass within 3 poll intervals, on a clock the test moves. */
class PassHealthTest {

    private static final Duration POLL = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final PassHealth health = new PassHealth(clock, POLL);
    private final ScalingSettings settings = TestWorld.scaling(0, 5, 3, 1);

    @Test
    void notReadyBeforeTheFirstCompletedPass() {
        assertThat(health.status().ready()).isFalse();
        assertThat(health.status().describe()).isEqualTo("stale: no pass completed yet (must be within 90 s)");
    }

    @Test
    void aCompletedPassStaysFreshForThreePollIntervals() {
        health.passEnded(completed());

        clock.advance(POLL.multipliedBy(3));
        assertThat(health.status().ready()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(health.status().ready()).isFalse();
    }

    @Test
    void aPassThatCouldNotObserveDoesNotCount() {
        health.passEnded(completed());
        clock.advance(Duration.ofSeconds(80));

        health.passEnded(failed(ReconcileProblem.Kind.GITHUB_UNREACHABLE));
        clock.advance(Duration.ofSeconds(20));

        assertThat(health.status().ready()).isFalse();
        assertThat(health.status().lastCompleted()).contains(Instant.parse("2025-03-01T12:00:00Z"));
    }

    @Test
    void waitingForTheRateLimitOnPurposeCountsAndAPacedWaitWidensTheWindow() {
        health.passEnded(failed(ReconcileProblem.Kind.GITHUB_RATE_LIMITED));
        health.scheduled(Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(29));

        assertThat(health.status().ready()).isTrue();
        assertThat(health.status().window()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anUnexpectedExceptionIsKeptOnOneLine() {
        health.failed(new NumberFormatException("For input string:\n\"x\""));

        assertThat(health.status().unexpectedFailures()).isEqualTo(1);
        assertThat(health.status().lastFailure().orElseThrow().describe())
                .isEqualTo("unexpected NumberFormatException: For input string: \"x\"");
    }

    /** A real pass over the in-memory world: it observes and decides. */
    private ReconcileSnapshot completed() {
        TestWorld world = new TestWorld();
        ReconcileSnapshot snapshot = world.reconciler(settings, TestWorld.jit()).reconcileOnce();
        assertThat(snapshot.decision()).isPresent();
        return snapshot;
    }

    private ReconcileSnapshot failed(ReconcileProblem.Kind kind) {
        return ReconcileSnapshot.initial(settings, clock.instant())
                .failed(1, clock.instant(), Duration.ZERO, problem(kind), BackoffStatus.NONE);
    }

    private static ReconcileProblem problem(ReconcileProblem.Kind kind) {
        return new ReconcileProblem(kind, "test", Optional.empty());
    }
}
