package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.OrchestratorProcess;
import io.runnerorchestrator.e2e.SimJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ORCHESTRATOR_DEMAND=scaleset with two instances over Redis on real Docker: the scale set has one
 * session, held by the leader, and the cluster keeps one MAX_RUNNERS. The leader is killed (SIGKILL,
 * its session left open on github-sim, which never expires it by itself): the other instance leads
 * once the lease lapses, deletes the session the dead one left (no 409 loop), holds its own and
 * serves the rest of the jobs, still within MAX.
 */
class ScaleSetClusterIT {
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final int MAX = 4;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final List<List<String>> owners = new CopyOnWriteArrayList<>();
    private ClusterWorld world;

    @AfterEach
    void cleanUp() throws Exception {
        sampler.shutdownNow();
        world.close();
    }

    @Test
    void oneSessionForTheClusterHeldByTheLeaderAndTakenOverAtOnceWhenTheLeaderDies() throws Exception {
        world = ClusterWorld.create("scaleset", 2);
        String set = world.ids().get(0) + "-set";
        Map<String, String> settings = Map.of("ORCHESTRATOR_DEMAND", "scaleset", "ORCHESTRATOR_SCALESET_NAME", set,
                "MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX), "IDLE_TIMEOUT", "5s",
                "ORCHESTRATOR_CLUSTER_TTL", TTL.toSeconds() + "s");
        String first = world.ids().get(0);
        String second = world.ids().get(1);
        world.start(first, settings);
        await("the first instance holds the session").atMost(Duration.ofMinutes(1))
                .until(() -> world.sim().scaleSetSessionOwners().equals(List.of(first)));
        world.start(second, settings);
        OrchestratorProcess survivor = world.process(second);
        await("the second stands by").atMost(Duration.ofMinutes(1))
                .until(() -> !survivor.events("scaleset.standby").isEmpty());
        sampler.scheduleAtFixedRate(() -> owners.add(world.sim().scaleSetSessionOwners()), 0, 100,
                TimeUnit.MILLISECONDS);

        List<Long> before = world.enqueue(6, Duration.ofSeconds(3), set);
        await("the first burst completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(world.sim().state(), before));
        assertThat(owners).as("who held the session while both ran").allMatch(List.of(first)::equals);
        assertThat(survivor.events("scaleset.session_opened")).as("the standby opened no session").isEmpty();

        List<Long> during = world.enqueue(8, Duration.ofSeconds(15), set);
        await("the leader's runners took jobs").atMost(Duration.ofMinutes(2))
                .until(() -> world.runnersOf(first).stream().anyMatch(r -> r.busy()));
        world.kill(first);
        Instant killed = Instant.now();

        await("the survivor holds the session").atMost(TTL.multipliedBy(4))
                .until(() -> world.sim().scaleSetSessionOwners().equals(List.of(second)));
        Duration takeover = Duration.between(killed, Instant.now());
        assertThat(survivor.events("scaleset.stale_session_deleted")).as("the dead leader's session deleted")
                .hasSize(1);
        await("every job queued around the kill completes").atMost(Duration.ofMinutes(4))
                .until(() -> SimJobs.allCompleted(world.sim().state(), during));
        assertThat(SimJobs.notSuccessful(world.sim().state())).as("jobs failed or cancelled").isEmpty();
        assertThat(world.containers().maxRunning()).as("runner containers of the cluster running at once")
                .isLessThanOrEqualTo(MAX);
        assertThat(world.containers().createdBy(second)).as("runners the survivor started").isPositive();
        assertThat(survivor.events("scaleset.session_conflict")).as("409s the survivor waited out").isEmpty();
        System.out.printf("e2e.measure test=scaleset_cluster lease_ttl_ms=%d takeover_ms=%d max=%d max_running=%d"
                        + " started_by_instance=%s%n", TTL.toMillis(), takeover.toMillis(), MAX,
                world.containers().maxRunning(), world.ids().stream().map(id -> world.containers().createdBy(id)).toList());
    }
}
