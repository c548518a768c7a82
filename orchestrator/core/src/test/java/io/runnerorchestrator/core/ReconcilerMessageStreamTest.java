package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a scale set's message stream as the news, passes between full looks read only the queue (kept in
 * memory by the stream), news or not, and each runner still offline by itself; the runner list is read by
 * the full look due every ten poll intervals (every poll interval while a dead member's runners are
 * counted), or when a hint names a runner of ours the last look did not know.
 */
class ReconcilerMessageStreamTest {
    private final TestWorld world = new TestWorld();
    private final Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 10, 3, 1), TestWorld.jit(),
            GitHubNews.MESSAGE_STREAM);
    private final QueueHints hints = reconciler.queueHints();

    @Test
    void aPassWithoutNewsServesTheQueueWithoutReadingTheRunnerList() {
        reconciler.reconcileOnce();
        world.enqueue(2);
        world.later(Duration.ofSeconds(2));

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).hasSize(2);
        assertThat(world.github.count("listRunners")).as("only the first, full look").isEqualTo(1);
        assertThat(world.github.count("listQueuedJobs")).as("the queue on every pass").isEqualTo(2);
    }

    @Test
    void aBurstOfJobsStartingOnTheirRunnersCostsNoRunnerListRead() {
        reconciler.reconcileOnce();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            long job = world.enqueue(1).get(0);
            world.later(Duration.ofSeconds(1));
            reconciler.reconcileOnce();
            world.bootAll();
            world.runnersTakeJobs();
            String runner = world.github.runners().stream().filter(GitHubRunner::busy).map(GitHubRunner::name)
                    .filter(name -> !named.contains(name)).findFirst().orElseThrow();
            named.add(runner);
            hints.started(job, runner);
        }

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).as("one runner per job").hasSize(5);
        assertThat(world.github.count("listRunners")).isEqualTo(1);
    }

    @Test
    void theRunnerListIsReadAgainOnlyAfterTenPollIntervals() {
        reconciler.reconcileOnce();
        world.later(Duration.ofSeconds(31));
        reconciler.reconcileOnce();
        long afterOnePollInterval = world.github.count("listRunners");
        world.later(Duration.ofSeconds(270));

        reconciler.reconcileOnce();

        assertThat(afterOnePollInterval).as("the stream says what changed").isEqualTo(1);
        assertThat(world.github.count("listRunners")).as("the safety net, 301 s after the first look").isEqualTo(2);
    }

    @Test
    void whileADeadMembersRunnersAreCountedTheRunnerListIsReadEveryPollInterval() {
        InMemoryCluster cluster = new InMemoryCluster();
        Reconciler leader = new Reconciler(TestWorld.scaling(0, 10, 3, 1), DecisionPolicy.SCALING_POLICY,
                TestWorld.jit(), world.github, world.backend, cluster.member(TestWorld.PREFIX), world.metrics,
                world.clock, GitHubNews.MESSAGE_STREAM);
        cluster.died("node-gone");
        cluster.lead(TestWorld.PREFIX);
        leader.reconcileOnce();
        world.later(Duration.ofSeconds(31));

        leader.reconcileOnce();

        assertThat(world.github.count("listRunners")).as("their runners send this instance no news").isEqualTo(2);
    }

    @Test
    void aRunnerThatCameOnlineWithoutAJobIsReadByItselfAndSeenIdle() {
        world.bootedRunnerFor(reconciler);
        world.github.cancelQueued();
        world.later(Duration.ofSeconds(10));
        RunnerState beforeItsRead = reconciler.reconcileOnce().runners().get(0).state();
        world.later(Duration.ofSeconds(21));

        RunnerState afterItsRead = reconciler.reconcileOnce().runners().get(0).state();

        assertThat(beforeItsRead).as("read no more often than a full look would come").isEqualTo(RunnerState.STARTING);
        assertThat(afterItsRead).isEqualTo(RunnerState.IDLE);
        assertThat(world.github.count("getRunner")).isEqualTo(1);
        assertThat(world.github.count("listRunners")).isEqualTo(1);
    }

    @Test
    void aRunnerThatNeverComesOnlineStillTimesOutOnItsBootTimeout() {
        reconciler.reconcileOnce();
        world.enqueue(1);
        reconciler.reconcileOnce();
        world.github.cancelQueued();
        for (int i = 0; i < 5; i++) {
            world.later(Duration.ofSeconds(31));
            reconciler.reconcileOnce();
        }

        assertThat(world.backend.names()).as("removed after 120 s offline").isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.BOOT_TIMEOUT);
        assertThat(world.github.count("listRunners")).isEqualTo(1);
    }

    @Test
    void anIdleRunnerIsConfirmedAndRemovedAfterIdleTimeoutBetweenFullLooks() {
        Reconciler reconciler = world.reconciler(new ScalingSettings(0, 10, 3, 1, Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofSeconds(120)), TestWorld.jit(), GitHubNews.MESSAGE_STREAM);
        world.bootedRunnerFor(reconciler);
        world.github.cancelQueued();
        world.later(Duration.ofSeconds(31));
        RunnerView seenIdle = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(10));
        RunnerView later = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(55));

        reconciler.reconcileOnce();

        assertThat(seenIdle.idleConfirmed()).as("seen idle once").isFalse();
        assertThat(later.idleConfirmed()).as("idle 10 s later, no job started in between").isTrue();
        assertThat(world.backend.names()).isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.IDLE_TIMEOUT);
        assertThat(world.github.count("listRunners")).isEqualTo(1);
    }

    @Test
    void aRunnerAJobStartedOnIsNeverConfirmedIdle() {
        long job = world.bootedRunnerFor(reconciler);
        String runner = world.backend.names().iterator().next();
        world.later(Duration.ofSeconds(31));
        reconciler.reconcileOnce();
        hints.started(job, runner);
        world.later(Duration.ofSeconds(10));

        RunnerView afterItsStart = reconciler.reconcileOnce().runners().get(0);

        assertThat(afterItsStart.state()).isEqualTo(RunnerState.BUSY);
        assertThat(afterItsStart.idleConfirmed()).isFalse();
    }

    @Test
    void aHintAboutARunnerOfOursThatTheLastLookDidNotKnowMakesTheLookFull() {
        reconciler.reconcileOnce();
        hints.started(7, TestWorld.PREFIX + "-abcd1234");

        reconciler.reconcileOnce();

        assertThat(world.github.count("listRunners")).isEqualTo(2);
    }

    @Test
    void aRunnerAStartedHintNamesIsBusyAndItsExitedContainerGoesWithoutAnyRead() {
        long job = world.bootedRunnerFor(reconciler);
        String runner = world.backend.names().iterator().next();
        world.runnersTakeJobs();
        hints.started(job, runner);
        RunnerView busy = reconciler.reconcileOnce().runners().get(0);
        world.finishJobs();
        hints.completed(job, Optional.of(runner));
        List<String> callsBefore = List.copyOf(world.github.calls);

        reconciler.reconcileOnce();

        assertThat(busy.state()).isEqualTo(RunnerState.BUSY);
        assertThat(world.backend.names()).isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.EXITED);
        assertThat(world.github.calls.subList(callsBefore.size(), world.github.calls.size()))
                .as("the queue only: the runner unregistered itself").containsExactly("listQueuedJobs");
    }
}
