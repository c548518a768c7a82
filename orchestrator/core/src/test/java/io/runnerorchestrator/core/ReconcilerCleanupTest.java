package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left half-made or dead is removed; what GitHub says is busy is not. */
class ReconcilerCleanupTest {
    private final TestWorld world = new TestWorld();

    @Test
    void aRunnerNotOnlineWithinTheBootTimeoutIsRemovedAndStartsBackOff() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();
        String first = world.backend.names().iterator().next();

        world.later(Duration.ofSeconds(121));
        ReconcileSnapshot timedOut = reconciler.reconcileOnce();

        assertThat(world.backend.names()).as("container removed, no replacement yet").isEmpty();
        assertThat(world.github.runner(first)).as("registration deleted").isEmpty();
        assertThat(timedOut.backoff().consecutiveFailures()).isEqualTo(1);
        assertThat(timedOut.backoff().retryAt()).contains(world.clock.instant().plusSeconds(15));
        assertThat(world.metrics.startFailures).containsExactly("boot_timeout");

        world.later(Duration.ofSeconds(14));
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).as("still backing off").isEmpty();

        world.later(Duration.ofSeconds(1));
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).as("one probe").hasSize(1);

        world.later(Duration.ofSeconds(121));
        ReconcileSnapshot again = reconciler.reconcileOnce();
        assertThat(again.backoff().consecutiveFailures()).isEqualTo(2);
        assertThat(again.backoff().retryAt()).as("the wait doubles").contains(world.clock.instant().plusSeconds(30));

        world.later(Duration.ofSeconds(30));
        reconciler.reconcileOnce();
        world.bootAll();
        ReconcileSnapshot healed = reconciler.reconcileOnce();
        assertThat(healed.backoff().consecutiveFailures()).as("a runner online ends the backoff").isZero();
        assertThat(healed.backoff().totalFailures()).isEqualTo(2);
        assertThat(healed.counts().idle()).isEqualTo(1);
        assertThat(world.metrics.boots).containsExactly(Duration.ZERO);
    }

    @Test
    void anOfflineRegistrationOfOursWithoutContainerIsDeleted() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        GitHubRunner orphan = world.github.register("ro-test-orphan01", Set.of(), false);
        GitHubRunner online = world.github.register("ro-test-online01", Set.of(), true);
        GitHubRunner foreign = world.github.register("someone-else", Set.of(), false);

        ReconcileSnapshot snapshot = reconciler.reconcileOnce();

        assertThat(world.github.runners()).containsExactlyInAnyOrder(online, foreign);
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.ORPHAN_REGISTRATION);
        assertThat(snapshot.runners()).extracting(RunnerView::name).doesNotContain("someone-else");
        assertThat(snapshot.runners()).filteredOn(r -> r.name().equals(online.name()))
                .extracting(RunnerView::state).containsExactly(RunnerState.ORPHAN);
        assertThat(orphan.name()).isNotIn(world.backend.names());
    }

    @Test
    void anExitedContainerIsRemovedAndAnEarlyCrashCountsAsAFailedStart() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 1, 0), TestWorld.jit());
        world.enqueue(2);
        reconciler.reconcileOnce();
        var names = world.backend.names().stream().sorted().toList();
        world.boot(names.get(0));
        world.runnersTakeJobs();
        reconciler.reconcileOnce();
        world.finishJobs();
        world.backend.exit(names.get(1), 127);

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).isEmpty();
        assertThat(world.metrics.scaledDown).containsExactlyInAnyOrder(RemovalReason.EXITED, RemovalReason.START_FAILED);
        assertThat(world.metrics.startFailures).containsExactly("exited");
        assertThat(world.github.runner(names.get(1))).as("its JIT registration went too").isEmpty();
    }

    @Test
    void aContainerLeftCreatedByAStartCutShortIsRemovedAtOnceAndIsNoFailedStart() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 2, 1, 0), TestWorld.jit());
        world.backend.plantCreated(TestWorld.PREFIX + "-cutshort1");
        world.backend.plantCreated(TestWorld.PREFIX + "-cutshort2");
        world.enqueue(2);

        ReconcileSnapshot first = reconciler.reconcileOnce();
        ReconcileSnapshot second = reconciler.reconcileOnce();

        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.NEVER_STARTED, RemovalReason.NEVER_STARTED);
        assertThat(first.counts().starting()).as("never counted as booting").isZero();
        assertThat(world.backend.names()).as("the queue is served within MAX, well before the boot timeout")
                .hasSize(2).noneMatch(name -> name.contains("cutshort"));
        assertThat(world.metrics.startFailures).isEmpty();
        assertThat(second.backoff().consecutiveFailures()).isZero();
    }

    @Test
    void whenGitHubRefusesTheDeleteTheContainerStays() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.enqueue(3);
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.cancelQueued();
        reconciler.reconcileOnce();
        GitHubRunner refused = world.github.runners().get(0);
        world.github.refuseDelete.add(refused.id());

        world.later(Duration.ofMinutes(6));
        reconciler.reconcileOnce();

        assertThat(world.backend.names()).containsExactly(refused.name());
        assertThat(world.github.runners()).extracting(GitHubRunner::name).containsExactly(refused.name());

        world.github.refuseDelete.clear();
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).as("tried again next pass").isEmpty();
    }

    @Test
    void aRunnerThatTakesAJobJustBeforeRemovalIsKeptAndTheNextPassReadsTheRunnerList() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 1, 0), TestWorld.jit());
        world.enqueue(1);
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.cancelQueued();
        reconciler.reconcileOnce();
        GitHubRunner runner = world.github.runners().get(0);
        world.later(Duration.ofMinutes(6));
        world.github.takesJobWhenAsked.add(runner.id());

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).containsExactly(runner.name());
        assertThat(world.github.runner(runner.name())).hasValueSatisfying(r -> assertThat(r.busy()).isTrue());
        assertThat(world.github.count("deleteRunner")).isZero();

        long listsBefore = world.github.count("listRunners");
        world.later(Duration.ofSeconds(30));
        reconciler.reconcileOnce();
        assertThat(world.github.count("listRunners")).as("the picture had it idle: the runner list is read again")
                .isEqualTo(listsBefore + 1);
    }

    @Test
    void aSelfRegisteringRunnerThatTookAJobSinceTheObservationIsKept() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1),
                TestWorld.runnerSettings(RunnerSettings.RegistrationMode.TOKEN, TestWorld.jit().scope()));
        reconciler.reconcileOnce();
        String late = world.backend.names().iterator().next();
        world.github.registersBusyAfterNextListing(late);

        world.later(Duration.ofSeconds(121));
        reconciler.reconcileOnce();

        assertThat(world.backend.names()).as("the container of a runner now busy stays").containsExactly(late);
        assertThat(world.github.runner(late)).hasValueSatisfying(r -> assertThat(r.busy()).isTrue());
        assertThat(world.github.count("deleteRunner")).isZero();
    }

    @Test
    void aRunnerThatComesOnlineJustAtTheBootTimeoutIsKept() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();
        GitHubRunner late = world.github.runners().get(0);
        world.github.comesOnlineWhenAsked.add(late.id());

        world.later(Duration.ofSeconds(121));
        ReconcileSnapshot snapshot = reconciler.reconcileOnce();

        assertThat(world.backend.names()).containsExactly(late.name());
        assertThat(snapshot.backoff().consecutiveFailures()).isZero();
        assertThat(reconciler.reconcileOnce().counts().idle()).isEqualTo(1);
    }

    @Test
    void aFailedContainerRemovalIsRetriedNextPassWithoutStoppingTheOthers() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 5, 3, 1), TestWorld.jit());
        world.enqueue(3);
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.cancelQueued();
        reconciler.reconcileOnce();
        String stubborn = world.backend.names().iterator().next();
        world.backend.failRemove.add(stubborn);

        world.later(Duration.ofMinutes(6));
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).containsExactly(stubborn);

        world.backend.failRemove.clear();
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).isEmpty();
    }
}
