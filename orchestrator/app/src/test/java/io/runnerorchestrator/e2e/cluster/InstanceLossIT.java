package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.SimJobs;
import io.runnerorchestrator.githubsim.SimState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance dies holding every place under MAX and the claims on the queued jobs, its runners
 * never to come online (its host is lost): the others take its places and claims over once its ttl
 * lapses, the new leader deletes the registrations it left, and the instance restarted with the same
 * id removes its dead containers.
 */
class InstanceLossIT {
    private static final int MAX = 3;
    private static final int JOBS = 5;
    private static final String TTL = "15s";
    /**
     * Claims then last over ten minutes (boot timeout plus one poll): jobs served within the test's
     * few minutes were taken over, not waited out.
     */
    private static final Map<String, String> SETTINGS = Map.of("MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX),
            "ORCHESTRATOR_CLUSTER_TTL", TTL, "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "10m");

    private ClusterWorld world;

    @AfterEach
    void cleanUp() throws Exception {
        world.close();
    }

    @Test
    void theOthersTakeOverTheClaimsAndPlacesOfAnInstanceThatDied() throws Exception {
        world = ClusterWorld.create("loss", 3);
        String lost = world.ids().get(0);
        Map<String, String> neverOnline = new HashMap<>(SETTINGS);
        // Its runners' containers run but never connect: as if its host were cut off.
        neverOnline.put("ORCHESTRATOR_RUNNER_COMMAND", "sleep 600");
        world.start(lost, neverOnline);
        List<Long> jobs = world.enqueue(JOBS, Duration.ofSeconds(2));
        await("the doomed instance holds every place").atMost(Duration.ofMinutes(2))
                .until(() -> world.containers().createdBy(lost) == MAX);
        Set<String> lostContainers = world.containers().created().keySet();
        world.ids().subList(1, 3).forEach(id -> world.start(id, SETTINGS));
        assertThat(world.containers().createdBy(world.ids().get(1)) + world.containers().createdBy(world.ids().get(2)))
                .as("the cluster is full: the others start nothing").isZero();

        world.kill(lost);
        Instant killed = Instant.now();

        await("every job completes").atMost(Duration.ofMinutes(4))
                .until(() -> SimJobs.allCompleted(world.sim().state(), jobs));
        Duration served = Duration.between(killed, Instant.now());
        SimState state = world.sim().state();
        assertThat(SimJobs.notSuccessful(state)).isEmpty();
        assertThat(SimJobs.of(state, jobs)).extracting(SimState.Job::runnerName)
                .noneMatch(name -> name.startsWith(lost + "-"));
        await("the new leader deleted the registrations the dead instance left").atMost(Duration.ofMinutes(1))
                .until(() -> world.runnersOf(lost).isEmpty());

        world.start(lost, Map.of("MIN_RUNNERS", "0", "MAX_RUNNERS", String.valueOf(MAX),
                "ORCHESTRATOR_CLUSTER_TTL", TTL, "ORCHESTRATOR_RUNNER_BOOT_TIMEOUT", "5s"));
        await("restarted with the same id, it removed its dead containers").atMost(Duration.ofMinutes(1))
                .until(() -> world.docker().containers(lost).stream().map(c -> c.getNames()[0].substring(1))
                        .collect(Collectors.toSet()).stream().noneMatch(lostContainers::contains));
        System.out.printf("e2e.measure test=instance_loss ttl=%s jobs=%d all_served_after_kill_ms=%d%n", TTL, JOBS,
                served.toMillis());
    }
}
