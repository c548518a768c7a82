package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.SimJobs;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three instances, one queue, one Redis: MAX_RUNNERS holds for all of them and each job gets one runner. */
class ClusterBurstIT {
    private static final int MAX = 4;
    private static final int JOBS = 12;

    private ClusterWorld world;

    @AfterEach
    void cleanUp() throws Exception {
        world.close();
    }

    @Test
    void aBurstServedByThreeInstancesStaysWithinTheClusterMaxAndStartsOneRunnerPerJob() throws Exception {
        world = ClusterWorld.create("burst", 3);
        // A long ttl: an instance starved of CPU for a few seconds must not look dead (its runners would
        // stop counting); this test is about the steady state, the loss of an instance has its own.
        world.startAll(Map.of("MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_CLUSTER_TTL", "20s"));

        List<Long> jobs = world.enqueue(JOBS, Duration.ofSeconds(3));

        await("every job of the burst completes").atMost(Duration.ofMinutes(4))
                .until(() -> SimJobs.allCompleted(world.sim().state(), jobs));
        SimState state = world.sim().state();
        assertThat(SimJobs.notSuccessful(state)).as("jobs failed or cancelled").isEmpty();
        assertThat(world.containers().maxRunning()).as("runner containers of the cluster running at once")
                .isLessThanOrEqualTo(MAX);
        assertThat(SimJobs.of(state, jobs)).extracting(SimState.Job::runnerName).doesNotHaveDuplicates()
                .allMatch(Objects::nonNull);
        long created = world.containers().created().size();
        // Runners take the oldest job, not always the one claimed for them: at the tail of the burst a
        // runner may find its job taken and go idle. Never one per instance per job.
        assertThat(created).as("runners started for %d jobs", JOBS).isBetween((long) JOBS, (long) JOBS + 2);
        await("the idle tail is removed").atMost(Duration.ofMinutes(1))
                .until(() -> world.containers().runningNow().isEmpty());
        System.out.printf("e2e.measure test=cluster_burst instances=3 max=%d jobs=%d runners_started=%d"
                        + " max_running=%d started_by_instance=%s%n", MAX, JOBS, created,
                world.containers().maxRunning(), world.ids().stream()
                        .map(id -> world.containers().createdBy(id)).toList());
    }
}
