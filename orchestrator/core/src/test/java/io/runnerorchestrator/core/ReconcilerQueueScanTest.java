package io.runnerorchestrator.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without webhooks every pass scans the queue, and the jobs it reads name the runner of each started job:
 * the runner list is read only when the scan cannot tell.
 */
class ReconcilerQueueScanTest {
    private static final Duration POLL = Duration.ofSeconds(31);

    private final TestWorld world = new TestWorld();
    private final Reconciler reconciler = world.reconciler(TestWorld.scaling(0, 10, 3, 1), TestWorld.jit());

    @Test
    void runnersThatTookJobsAreBusyWithoutARunnerListAndGoWhenTheirJobsEnd() {
        List<Long> jobs = world.enqueue(2);
        reconciler.reconcileOnce();
        world.bootAll();
        world.runnersTakeJobs();
        world.later(POLL);
        reconciler.reconcileOnce();
        long listsBefore = world.github.count("listRunners");
        world.enqueue(1);
        world.later(POLL);

        ReconcileSnapshot busy = reconciler.reconcileOnce();

        assertThat(busy.counts().busy()).isEqualTo(2);
        assertThat(busy.runners()).filteredOn(r -> r.state() == RunnerState.BUSY)
                .as("the status shows each runner's job").flatExtracting(r -> r.job().stream().toList())
                .containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(world.backend.names()).as("the third job gets a runner of its own").hasSize(3);
        assertThat(world.github.count("listRunners")).as("the scan named both runners").isEqualTo(listsBefore);

        world.finishJobs();
        world.later(POLL);
        long callsBefore = world.github.calls.size();
        reconciler.reconcileOnce();

        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.EXITED, RemovalReason.EXITED);
        assertThat(world.github.calls.subList((int) callsBefore, world.github.calls.size()))
                .as("their registrations are known gone: no runner read, no delete")
                .doesNotContain("getRunner", "deleteRunner");
    }

    @Test
    void aRunnerWhoseJobEndedIsBusyUntilItsContainerExitsAndNeverLost() {
        world.enqueue(1);
        reconciler.reconcileOnce();
        world.bootAll();
        world.runnersTakeJobs();
        world.later(POLL);
        reconciler.reconcileOnce();
        String runner = world.backend.names().iterator().next();
        world.github.finishJob(runner);
        world.later(POLL);

        ReconcileSnapshot ending = reconciler.reconcileOnce();

        assertThat(ending.counts().busy()).as("its container still cleans up").isEqualTo(1);
        assertThat(world.metrics.scaledDown).isEmpty();

        world.backend.exit(runner, 0);
        world.later(POLL);
        long callsBefore = world.github.calls.size();
        reconciler.reconcileOnce();

        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.EXITED);
        assertThat(world.github.calls.subList((int) callsBefore, world.github.calls.size()))
                .doesNotContain("listRunners", "getRunner", "deleteRunner");
    }

    @Test
    void aRunnerThatCameOnlineWithoutAJobIsSeenIdleByTheNextPass() {
        reconciler.reconcileOnce();
        world.enqueue(1);
        reconciler.reconcileOnce();
        world.github.cancelQueued();
        world.bootAll();
        long listsBefore = world.github.count("listRunners");
        world.later(POLL);

        ReconcileSnapshot snapshot = reconciler.reconcileOnce();

        assertThat(snapshot.counts().idle()).isEqualTo(1);
        assertThat(world.github.count("listRunners")).as("offline at the previous look: the list tells")
                .isEqualTo(listsBefore + 1);
    }

    @Test
    void theRunnerListIsStillReadEveryTenPollIntervals() {
        reconciler.reconcileOnce();
        for (int poll = 1; poll <= 2 * GitHubPicture.RUNNER_LIST_STRETCH; poll++) {
            world.later(Duration.ofSeconds(30));
            reconciler.reconcileOnce();
        }

        assertThat(world.github.count("listQueuedJobs")).isEqualTo(1 + 2 * GitHubPicture.RUNNER_LIST_STRETCH);
        assertThat(world.github.count("listRunners")).as("the first pass, then every tenth").isEqualTo(3);
    }

    @Test
    void anOrphanRegistrationIsFoundByTheNextRunnerList() {
        reconciler.reconcileOnce();
        world.github.register(TestWorld.PREFIX + "-orphan01", java.util.Set.of(), false);
        for (int poll = 1; poll < GitHubPicture.RUNNER_LIST_STRETCH; poll++) {
            world.later(Duration.ofSeconds(30));
            reconciler.reconcileOnce();
        }
        assertThat(world.github.runner(TestWorld.PREFIX + "-orphan01")).as("not seen between lists").isPresent();

        world.later(Duration.ofSeconds(30));
        reconciler.reconcileOnce();

        assertThat(world.github.runner(TestWorld.PREFIX + "-orphan01")).isEmpty();
        assertThat(world.metrics.scaledDown).containsExactly(RemovalReason.ORPHAN_REGISTRATION);
    }
}
