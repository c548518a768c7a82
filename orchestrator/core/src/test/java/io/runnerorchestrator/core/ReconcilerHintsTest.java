package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.GitHubRunner;
import io.runnerorchestrator.core.port.QueuedJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Passes triggered by webhooks act on the hints they bring, and GitHub is read again when it must be. */
class ReconcilerHintsTest {
    private final TestWorld world = new TestWorld();
    private final Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 10, 3, 1), TestWorld.jit());
    private final QueueHints hints = reconciler.queueHints();

    @Test
    void aQueuedHintGetsItsRunnerWithoutReadingGitHubAgain() {
        reconciler.reconcileOnce();
        long listsBefore = world.github.count("listRunners") + world.github.count("listQueuedJobs");
        QueuedJob job = world.github.enqueueJob("self-hosted", "docker");
        world.later(Duration.ofSeconds(2));
        hints.queued(job);

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).hasSize(1);
        assertThat(world.metrics.scaledUp).containsExactly(StartReason.QUEUE);
        assertThat(world.github.count("listRunners") + world.github.count("listQueuedJobs")).isEqualTo(listsBefore);
    }

    @Test
    void aRunnerNamedAsBusyIsNotCoveringTheNextJob() {
        reconciler.reconcileOnce();
        QueuedJob first = world.github.enqueueJob("self-hosted", "docker");
        hints.queued(first);
        reconciler.reconcileOnce();
        String runner = world.backend.names().iterator().next();
        world.bootAll();
        world.runnersTakeJobs();
        hints.started(first.id(), runner);
        QueuedJob second = world.github.enqueueJob("self-hosted", "docker");
        hints.queued(second);
        long listsBefore = world.github.count("listRunners");

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).as("a second runner for the second job").hasSize(2);
        assertThat(world.github.count("listRunners")).as("both hints applied to the last look").isEqualTo(listsBefore);
    }

    @Test
    void aRunnerWhoseContainerExitedIsRemovedWithoutAskingGitHub() {
        QueuedJob job = world.github.enqueueJob("self-hosted", "docker");
        runnerOnHintedJob(job);
        world.finishJobs();
        List<String> callsBefore = List.copyOf(world.github.calls);
        hints.completed(job.id(), Optional.empty());

        reconciler.reconcileOnce();

        assertThat(world.backend.names()).isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.EXITED);
        assertThat(world.github.calls).as("no read, no delete: the runner unregistered itself").isEqualTo(callsBefore);
    }

    @Test
    void aCompletedHintBeforeTheContainerExitsKeepsTheRunnerBusyNotLost() {
        QueuedJob job = world.github.enqueueJob("self-hosted", "docker");
        String runner = runnerOnHintedJob(job);
        world.github.finishJob(runner);
        hints.completed(job.id(), Optional.of(runner));

        ReconcileSnapshot ending = reconciler.reconcileOnce();

        assertThat(ending.counts().busy()).as("its container still cleans up").isEqualTo(1);
        assertThat(world.metrics.scaledDown).as("not LOST").isEmpty();
        world.backend.exit(runner, 0);
        reconciler.queueHints().completed(job.id(), Optional.of(runner));
        reconciler.reconcileOnce();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.EXITED);
    }

    @Test
    void aHintAboutARunnerOfOursThatTheLastLookDidNotKnowMakesTheLookFull() {
        reconciler.reconcileOnce();
        long listsBefore = world.github.count("listRunners");
        hints.started(7, TestWorld.PREFIX + "-abcd1234");

        reconciler.reconcileOnce();

        assertThat(world.github.count("listRunners")).isEqualTo(listsBefore + 1);
    }

    @Test
    void afterPollIntervalTheRunnerListIsReadAgainAndEveryFourthTimeTheQueueInsteadWhileWebhooksArrive() {
        reconciler.reconcileOnce();
        for (int poll = 1; poll <= GitHubPicture.QUEUE_SCAN_STRETCH; poll++) {
            world.later(Duration.ofSeconds(31));
            hints.completed(1000 + poll, Optional.empty());
            reconciler.reconcileOnce();
        }

        assertThat(world.github.count("listRunners")).as("the scan's running jobs stand in for the fourth list")
                .isEqualTo(GitHubPicture.QUEUE_SCAN_STRETCH);
        assertThat(world.github.count("listQueuedJobs")).as("the first look and the fourth poll after it").isEqualTo(2);
    }

    @Test
    void withoutWebhooksEveryPassReadsTheQueue() {
        for (int poll = 0; poll < 3; poll++) {
            reconciler.reconcileOnce();
            world.later(Duration.ofSeconds(31));
        }

        assertThat(world.github.count("listQueuedJobs")).isEqualTo(3);
    }

    @Test
    void anIdleRunnerSeenOnlyThroughHintsIsNotConfirmedIdle() {
        world.bootedRunnerFor(reconciler);
        world.github.cancelQueued();
        world.later(Duration.ofSeconds(31));
        RunnerView seenIdle = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(10));
        hints.completed(99, Optional.empty());
        RunnerView hinted = reconciler.reconcileOnce().runners().get(0);
        world.later(Duration.ofSeconds(25));
        RunnerView fresh = reconciler.reconcileOnce().runners().get(0);

        assertThat(seenIdle.idleConfirmed()).as("seen idle once").isFalse();
        assertThat(hinted.idleConfirmed()).as("a hinted look confirms nothing").isFalse();
        assertThat(fresh.idleConfirmed()).as("idle again in a fresh look 35 s later").isTrue();
        assertThat(fresh.registration().map(GitHubRunner::busy)).hasValue(false);
    }

    /** A first pass, then the job's queued hint starts a runner, which boots, takes it and says so: its name. */
    private String runnerOnHintedJob(QueuedJob job) {
        hints.queued(job);
        reconciler.reconcileOnce();
        String runner = world.backend.names().iterator().next();
        world.bootAll();
        world.runnersTakeJobs();
        hints.started(job.id(), runner);
        reconciler.reconcileOnce();
        return runner;
    }
}
