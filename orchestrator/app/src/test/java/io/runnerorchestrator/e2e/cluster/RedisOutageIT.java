package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.OrchestratorProcess;
import io.runnerorchestrator.e2e.SimJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away mid-run and comes back empty: the instances go on degraded, each within its share
 * of MAX, lose no job, and rejoin.
 */
class RedisOutageIT {
    private static final int MAX = 6;
    private static final int SHARE = MAX / 3;

    private ClusterWorld world;

    @AfterEach
    void cleanUp() throws Exception {
        world.close();
    }

    @Test
    void withoutRedisEachInstanceKeepsToItsShareAndNoJobIsLost() throws Exception {
        world = ClusterWorld.create("outage", 3);
        world.startAll(Map.of("MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_CLUSTER_TTL", "20s"));
        List<OrchestratorProcess> instances = world.alive();
        await("every instance sees all three").atMost(Duration.ofMinutes(1)).until(() -> instances.stream()
                .allMatch(p -> p.events("cluster.membership").stream().anyMatch(line -> line.contains("alive=3"))));

        JsonNode joined = ClusterApi.cluster(instances.get(0));
        assertThat(joined.get("shared").asBoolean()).isTrue();
        assertThat(joined.get("degraded").asBoolean()).isFalse();
        assertThat(joined.get("instances")).hasSize(3).allMatch(member -> member.get("alive").asBoolean());
        assertThat(joined.get("leader").asString()).isIn(world.ids());

        world.redis().stop();
        await("every instance says it runs degraded").atMost(Duration.ofMinutes(1))
                .until(() -> instances.stream().allMatch(p -> ClusterApi.cluster(p).get("degraded").asBoolean()));
        assertThat(instances).allMatch(p -> ClusterApi.gauge(p, "orchestrator_cluster_degraded") == 1.0);
        assertThat(ClusterApi.cluster(instances.get(0)).get("leader").isNull()).as("no leader while degraded").isTrue();
        world.containers().resetMaxima();
        List<Long> jobs = world.enqueue(12, Duration.ofSeconds(3));
        await("a first part of the jobs done while degraded").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.of(world.sim().state(), jobs).stream()
                        .filter(job -> job.status().equals("completed")).count() >= 6);
        Map<String, Integer> degradedMaxima = world.containers().maxRunningByInstance();
        int degradedTotal = world.containers().maxRunning();

        world.redis().start();
        await("every instance rejoined").atMost(Duration.ofMinutes(1))
                .until(() -> instances.stream().allMatch(p -> !ClusterApi.cluster(p).get("degraded").asBoolean()
                        && ClusterApi.gauge(p, "orchestrator_cluster_degraded") == 0.0));
        assertThat(instances).allMatch(p -> !p.events("cluster.rejoined").isEmpty());
        await("every job completes").atMost(Duration.ofMinutes(3))
                .until(() -> SimJobs.allCompleted(world.sim().state(), jobs));

        assertThat(instances).allMatch(OrchestratorProcess::isAlive);
        assertThat(SimJobs.notSuccessful(world.sim().state())).isEmpty();
        assertThat(degradedMaxima.values()).as("each instance within its share of MAX while degraded")
                .allMatch(n -> n <= SHARE);
        assertThat(degradedTotal).isLessThanOrEqualTo(MAX);
        assertThat(world.containers().maxRunning()).as("MAX after the rejoin").isLessThanOrEqualTo(MAX);
        System.out.printf("e2e.measure test=redis_outage degraded_max_by_instance=%s runners_started=%d jobs=%d%n",
                degradedMaxima, world.containers().created().size(), jobs.size());
    }
}
