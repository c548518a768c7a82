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
 * memory by the stream), news or not; the runner list is read by the full look due every poll interval,
 * or when a hint names a runner of ours the last look did not know.
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
    void afterPollIntervalTheRunnerListIsReadAgain() {
        reconciler.reconcileOnce();
        world.later(Duration.ofSeconds(31));

        reconciler.reconcileOnce();

        assertThat(world.github.count("listRunners")).isEqualTo(2);
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
        reconciler.reconcileOnce();
        long job = world.enqueue(1).get(0);
        reconciler.reconcileOnce();
        String runner = world.backend.names().iterator().next();
        world.bootAll();
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

    @Test
    void passesBetweenFullLooksNeverConfirmAnIdleRunner() {
        reconciler.reconcileOnce();
        world.enqueue(1);
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.cancelQueued();
        world.later(Duration.ofSeconds(31));
        RunnerView seenIdle = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(10));
        RunnerView between = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(25));
        RunnerView fresh = reconciler.reconcileOnce().runners().get(0);

        assertThat(seenIdle.idleConfirmed()).as("seen idle once").isFalse();
        assertThat(between.idleConfirmed()).as("a look without a read confirms nothing").isFalse();
        assertThat(fresh.idleConfirmed()).as("idle again in a full look 35 s later").isTrue();
    }
}
