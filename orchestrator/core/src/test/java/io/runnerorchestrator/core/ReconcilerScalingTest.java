package io.runnerorchestrator.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool follows the queue: up in one step, back down to MIN, adopted after a restart. */
class ReconcilerScalingTest {
    private final TestWorld world = new TestWorld();

    @Test
    void burstUpToMaxAndBackDownToMin() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 5, 3, 1), TestWorld.jit());

        reconciler.reconcileOnce();
        assertThat(world.backend.names()).hasSize(1);
        world.bootAll();

        world.enqueue(8);
        ReconcileSnapshot burst = reconciler.reconcileOnce();

        assertThat(world.backend.names()).as("one step up to MAX").hasSize(5);
        assertThat(burst.counts()).isEqualTo(new RunnerCounts(1, 0, 1, 0, 1, 5, 5));
        assertThat(burst.queue()).extracting(w -> w.reason().describe())
                .containsExactly("an idle runner should take it", "runner starting", "runner starting",
                        "runner starting", "runner starting", "at MAX_RUNNERS", "at MAX_RUNNERS", "at MAX_RUNNERS");
        assertThat(world.metrics.scaledUp).containsExactly(StartReason.MIN_RUNNERS, StartReason.QUEUE,
                StartReason.QUEUE, StartReason.QUEUE, StartReason.QUEUE);

        world.bootAll();
        world.runnersTakeJobs();
        assertThat(reconciler.reconcileOnce().counts().busy()).isEqualTo(5);
        assertThat(world.backend.names()).as("never above MAX").hasSize(5);

        world.finishJobs();
        reconciler.reconcileOnce();
        assertThat(world.backend.names()).as("the 3 jobs left get runners once the first 5 are gone").hasSize(3);
        world.bootAll();
        world.runnersTakeJobs();
        reconciler.reconcileOnce();
        world.finishJobs();

        reconciler.reconcileOnce();
        world.bootAll();
        ReconcileSnapshot after = reconciler.reconcileOnce();

        assertThat(after.counts().total()).as("back to MIN").isEqualTo(1);
        assertThat(after.counts().idle()).isEqualTo(1);
        assertThat(world.github.queue()).isEmpty();
        assertThat(world.metrics.jobsStarted).isEqualTo(8);
        assertThat(world.metrics.jobsCompleted).isEqualTo(8);
    }

    @Test
    void idleRunnersAboveMinGoAfterTheIdleTimeout() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 10, 3, 1), TestWorld.jit());
        world.enqueue(4);
        reconciler.reconcileOnce();
        world.bootAll();
        world.github.cancelQueued();
        reconciler.reconcileOnce();

        world.later(Duration.ofMinutes(4));
        assertThat(reconciler.reconcileOnce().counts().idle()).as("not idle long enough yet").isEqualTo(4);

        world.later(Duration.ofMinutes(1).plusSeconds(1));
        ReconcileSnapshot after = reconciler.reconcileOnce();

        assertThat(world.backend.names()).hasSize(1);
        assertThat(world.github.runners()).hasSize(1);
        assertThat(after.runners()).filteredOn(r -> r.state() == RunnerState.STOPPING).hasSize(3);
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.IDLE_TIMEOUT, RemovalReason.IDLE_TIMEOUT,
                RemovalReason.IDLE_TIMEOUT);
    }

    @Test
    void aJobBelowTheThresholdGetsARunnerInTheFirstPassThatSeesIt() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 10, 3, 1), TestWorld.jit());
        List<Long> jobs = world.enqueue(1);

        assertThat(reconciler.reconcileOnce().queue().get(0).reason().describe()).isEqualTo("runner starting");

        assertThat(world.backend.names()).hasSize(1);
        assertThat(world.metrics.scaledUp).containsExactly(StartReason.QUEUE);
        assertThat(world.coordinator.claimJob(jobs.get(0), Duration.ofMinutes(1))).as("the job was claimed").isFalse();
    }

    @Test
    void aJobClaimedForARunnerThatTookAnotherJobIsServedNextPass() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 2, 1, 0), TestWorld.jit());
        List<Long> jobs = world.enqueue(3);
        reconciler.reconcileOnce();
        List<String> runners = world.backend.names().stream().sorted().toList();
        world.bootAll();
        // GitHub hands jobs out in its own order: the runner started for the first job takes the third.
        world.github.takeJob(runners.get(0), jobs.get(2));
        world.github.takeJob(runners.get(1), jobs.get(1));
        reconciler.reconcileOnce();
        world.finishJobs();

        ReconcileSnapshot next = reconciler.reconcileOnce();

        assertThat(next.queue()).extracting(w -> w.job().id()).containsExactly(jobs.get(0));
        assertThat(world.backend.started).as("a runner for the first job, not blocked by its old claim").hasSize(3);
        assertThat(next.queue().get(0).reason().kind()).isEqualTo(WaitReason.Kind.RUNNER_STARTING);
    }

    @Test
    void aRestartedOrchestratorAdoptsTheRunnersItFinds() {
        Reconciler first = world.reconciler(TestWorld.scaling(2, 10, 3, 1), TestWorld.jit());
        world.enqueue(3);
        first.reconcileOnce();
        world.bootAll();
        world.runnersTakeJobs();
        world.enqueue(1);
        first.reconcileOnce();
        int started = world.backend.started.size();

        Reconciler second = world.reconciler(TestWorld.scaling(2, 10, 3, 1), TestWorld.jit());
        ReconcileSnapshot adopted = second.reconcileOnce();

        assertThat(world.backend.started).as("nothing new started").hasSize(started);
        assertThat(adopted.counts().total()).isEqualTo(started);
        assertThat(adopted.counts().busy()).isEqualTo(3);
        assertThat(adopted.decision().orElseThrow().removals()).isEmpty();
    }

    @Test
    void idleRunnersBesideAStuckJobAreRecycled() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 10, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();
        world.bootAll();
        reconciler.reconcileOnce();
        String broken = world.backend.names().iterator().next();
        long job = world.enqueue(1).get(0);

        for (int i = 0; i < 3; i++) {
            world.later(Duration.ofSeconds(30));
            assertThat(reconciler.reconcileOnce().decision().orElseThrow().stuckJobs()).isEmpty();
        }
        world.later(Duration.ofSeconds(30));
        ReconcileSnapshot stuck = reconciler.reconcileOnce();

        assertThat(stuck.decision().orElseThrow().stuckJobs()).containsExactly(job);
        assertThat(stuck.queue().get(0).reason().kind()).isEqualTo(WaitReason.Kind.STUCK);
        assertThat(world.metrics.stuckJobs).containsExactly(job);
        assertThat(world.backend.names()).doesNotContain(broken).hasSize(1);
    }

    @Test
    void webhookJobAssignmentsShowInTheSnapshot() {
        Reconciler reconciler = world.reconciler(TestWorld.scaling(1, 10, 3, 1), TestWorld.jit());
        reconciler.reconcileOnce();
        world.bootAll();
        String name = world.backend.names().iterator().next();

        reconciler.jobAssignments().jobStarted(name, 4242);

        assertThat(reconciler.reconcileOnce().runners()).singleElement()
                .satisfies(r -> assertThat(r.job()).contains(4242L))
                .satisfies(r -> assertThat(r.idleSince()).contains(world.clock.instant()));
    }
}
