package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.OrchestratorProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The leader dies: another instance leads once the lease lapses, and keeps the whole of MIN_RUNNERS. */
class LeaderFailoverIT {
    private static final Duration TTL = Duration.ofSeconds(6);
    private static final int MIN = 2;

    private ClusterWorld world;

    @AfterEach
    void cleanUp() throws Exception {
        world.close();
    }

    @Test
    void anotherInstanceLeadsWithinAboutOneLeaseTtlAndTakesOverMin() throws Exception {
        world = ClusterWorld.create("leader", 2);
        Map<String, String> settings = Map.of("MIN_RUNNERS", String.valueOf(MIN), "MAX_RUNNERS", "4",
                "ORCHESTRATOR_CLUSTER_TTL", TTL.toSeconds() + "s");
        String first = world.ids().get(0);
        String second = world.ids().get(1);
        world.start(first, settings);
        await("the first instance leads").atMost(Duration.ofMinutes(1))
                .until(() -> !world.process(first).events("cluster.leader.acquired").isEmpty());
        world.start(second, settings);
        OrchestratorProcess survivor = world.process(second);
        await("MIN placed over both").atMost(Duration.ofMinutes(1))
                .until(() -> world.runnersOf(first).size() + world.runnersOf(second).size() == MIN
                        && world.containers().runningNow().values().stream().mapToInt(Integer::intValue).sum() == MIN);
        assertThat(survivor.events("cluster.leader.acquired")).isEmpty();

        world.kill(first);
        Instant killed = Instant.now();

        await("the survivor leads").atMost(TTL.multipliedBy(3))
                .until(() -> !survivor.events("cluster.leader.acquired").isEmpty());
        Duration failover = Duration.between(killed, Instant.now());
        await("the survivor's status names it leader and the other dead").atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> {
                    JsonNode cluster = ClusterApi.cluster(survivor);
                    assertThat(cluster.get("leader").asString()).isEqualTo(second);
                    assertThat(cluster.get("instances")).anySatisfy(member -> {
                        assertThat(member.get("id").asString()).isEqualTo(first);
                        assertThat(member.get("alive").asBoolean()).isFalse();
                    });
                });
        assertThat(ClusterApi.gauge(survivor, "orchestrator_cluster_leader")).isEqualTo(1.0);
        await("the survivor keeps the whole MIN").atMost(Duration.ofMinutes(1))
                .until(() -> world.runnersOf(second).stream().filter(r -> r.status().equals("online")).count() == MIN);
        System.out.printf("e2e.measure test=leader_failover lease_ttl_ms=%d failover_ms=%d%n", TTL.toMillis(),
                failover.toMillis());
    }
}
