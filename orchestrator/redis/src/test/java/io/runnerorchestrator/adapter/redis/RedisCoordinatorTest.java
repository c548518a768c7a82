package io.runnerorchestrator.adapter.redis;

import io.runnerorchestrator.testkit.RedisServerProcess;
import io.runnerorchestrator.core.local.LocalCoordinator;
import io.runnerorchestrator.core.port.ClusterLimits;
import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.ClusterView.ClusterMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several coordinators over one real redis-server: membership, leadership, MIN placement, degraded mode. */
class RedisCoordinatorTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private RedisServerProcess server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        server = RedisServerProcess.startOnFreePort();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        server.close();
    }

    /** A member with a connection of its own, so that closing it plays a crashed or cut-off instance. */
    private Member member(String id) {
        return member(id, TTL);
    }

    private Member member(String id, Duration ttl) {
        RedisConnection connection = RedisConnection.open(server.url(), Duration.ofSeconds(1));
        RedisCoordinator coordinator = new RedisCoordinator(connection.template(),
                new RedisClusterSettings(id, id + "-pfx", "repo:acme/app", ttl), new LocalCoordinator(Clock.systemUTC()), Clock.systemUTC());
        opened.add(connection);
        opened.add(coordinator);
        coordinator.start();
        return new Member(coordinator, connection);
    }

    private record Member(RedisCoordinator coordinator, RedisConnection connection) {
    }

    @Test
    void everyMemberSeesTheOthersTheirRunnersAndOneLeader() {
        Member a = member("node-a");
        Member b = member("node-b");
        a.coordinator().report(2, 0, 10);
        b.coordinator().report(3, 0, 10);

        await().atMost(DEADLINE).untilAsserted(() -> {
            ClusterView view = b.coordinator().status();
            assertThat(view.shared()).isTrue();
            assertThat(view.degraded()).isFalse();
            assertThat(view.instances()).extracting(ClusterMember::id, ClusterMember::runners, ClusterMember::alive)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", 2, true),
                            org.assertj.core.groups.Tuple.tuple("node-b", 3, true));
            assertThat(view.leader()).isPresent();
        });
        assertThat(a.coordinator().isLeader() ^ b.coordinator().isLeader()).as("exactly one leads").isTrue();
    }

    @Test
    void maxIsSharedAndMinIsPlacedOverTheMembers() {
        Member a = member("node-a");
        Member b = member("node-b");
        Member c = member("node-c");
        a.coordinator().report(4, 3, 10);

        ClusterLimits forB = b.coordinator().report(1, 3, 10);

        assertThat(forB.maxRunners()).as("10 - a's 4").isEqualTo(6);
        await("the leader placed MIN").atMost(DEADLINE).untilAsserted(() -> {
            int placed = 0;
            for (Member m : List.of(a, b, c)) {
                placed += m.coordinator().report(m == a ? 4 : m == b ? 1 : 0, 3, 10).minRunners();
            }
            assertThat(placed).isEqualTo(3);
            assertThat(c.coordinator().status().instances()).allSatisfy(m -> assertThat(m.minShare()).isPresent());
        });
        assertThat(a.coordinator().report(4, 3, 10).minRunners()).as("kept where the runners are").isEqualTo(3);
    }

    @Test
    void aCutOffLeaderIsReplacedOnceItsLeaseLapses() {
        Member a = member("node-a");
        await().atMost(DEADLINE).until(() -> a.coordinator().isLeader());
        Member b = member("node-b");
        assertThat(b.coordinator().isLeader()).isFalse();

        a.connection().close();

        await("a no longer trusts its lease").atMost(DEADLINE).until(() -> !a.coordinator().isLeader());
        await("b took over").atMost(DEADLINE).until(() -> b.coordinator().isLeader());
        await("b's view names it").atMost(DEADLINE)
                .untilAsserted(() -> assertThat(b.coordinator().status().leader()).contains("node-b"));
    }

    @Test
    void aLeaderStoppingHandsTheLeaseOnAtOnce() throws Exception {
        Member a = member("node-a");
        await().atMost(DEADLINE).until(() -> a.coordinator().isLeader());
        Member b = member("node-b");

        a.coordinator().close();

        await().atMost(DEADLINE).until(() -> b.coordinator().isLeader());
    }

    @Test
    void onlyTheLeaderSeesThePrefixesOfDeadMembers() {
        Member gone = member("node-gone");
        Member a = member("node-a");
        Member b = member("node-b");
        gone.connection().close();

        await("the dead member's prefix offered to the leader").atMost(DEADLINE).untilAsserted(() -> {
            Member leader = a.coordinator().isLeader() ? a : b;
            Member other = leader == a ? b : a;
            assertThat(leader.coordinator().deadPeerPrefixes()).containsExactly("node-gone-pfx");
            assertThat(other.coordinator().deadPeerPrefixes()).isEmpty();
        });
    }

    @Test
    void aKilledMembersRunnersCountAgainstMaxUntilTheLeaderFindsThemGone() {
        Member killed = member("node-killed");
        Member a = member("node-a");
        killed.coordinator().report(3, 0, 4);
        killed.connection().close();
        await("node-killed is dead").atMost(DEADLINE).until(() -> a.coordinator().status().instances().stream()
                .anyMatch(m -> m.id().equals("node-killed") && !m.alive()));

        assertThat(a.coordinator().report(0, 0, 4).maxRunners()).as("its 3 containers run on").isEqualTo(1);
        assertThat(a.coordinator().reserveSlots(0, 4, 4)).isEqualTo(1);

        await().atMost(DEADLINE).until(() -> a.coordinator().isLeader());
        a.coordinator().deadPeerRunners(Map.of("node-killed-pfx", 1));
        assertThat(a.coordinator().report(0, 0, 4).maxRunners()).as("GitHub shows one of them online").isEqualTo(3);
        a.coordinator().deadPeerRunners(Map.of("node-killed-pfx", 0));
        assertThat(a.coordinator().reserveSlots(0, 4, 4)).as("none left").isEqualTo(4);
    }

    @Test
    void aPrefixStillUsedByALiveMemberIsNeverOffered() {
        RedisConnection connection = RedisConnection.open(server.url(), Duration.ofSeconds(1));
        opened.add(connection);
        RedisCoordinator old = new RedisCoordinator(connection.template(),
                new RedisClusterSettings("old-id", "shared-pfx", "repo:acme/app", TTL), new LocalCoordinator(Clock.systemUTC()), Clock.systemUTC());
        old.start();
        connection.close();
        RedisConnection mine = RedisConnection.open(server.url(), Duration.ofSeconds(1));
        opened.add(mine);
        RedisCoordinator renamed = new RedisCoordinator(mine.template(),
                new RedisClusterSettings("new-id", "shared-pfx", "repo:acme/app", TTL), new LocalCoordinator(Clock.systemUTC()), Clock.systemUTC());
        opened.add(renamed);
        renamed.start();

        await().atMost(DEADLINE).until(renamed::isLeader);
        await("old-id is dead").atMost(DEADLINE).until(() -> renamed.status().instances().stream()
                .anyMatch(m -> m.id().equals("old-id") && !m.alive()));
        assertThat(renamed.deadPeerPrefixes()).isEmpty();
    }

    @Test
    void afterARedisRestartAMemberKeepsToItsShareUntilTheOthersCanBeBack() throws Exception {
        Duration ttl = Duration.ofSeconds(10);
        Member a = member("node-a", ttl);
        Member b = member("node-b", ttl);
        Member c = member("node-c", ttl);
        await().atMost(DEADLINE).until(() -> a.coordinator().status().alive() == 3);
        server.stop();
        await().atMost(DEADLINE).until(() -> a.coordinator().status().degraded());
        b.connection().close();
        c.connection().close();

        server.start();
        await("a rejoined").atMost(DEADLINE).until(() -> !a.coordinator().status().degraded());

        assertThat(a.coordinator().report(1, 0, 10).maxRunners())
                .as("b and c, not back yet, may hold their shares: a keeps to its 4").isEqualTo(4);
        assertThat(a.coordinator().reserveSlots(3, 5, 10)).isEqualTo(1);
        await("settled: only a is alive").atMost(DEADLINE)
                .until(() -> a.coordinator().report(1, 0, 10).maxRunners() == 10);
    }

    @Test
    void withoutRedisAnInstanceNeverTakesWhatTheOthersWereLastSeenToUse() throws Exception {
        Member a = member("node-a");
        Member b = member("node-b");
        b.coordinator().report(3, 0, 4);
        await("a has seen b's 3").atMost(DEADLINE).until(() -> a.coordinator().status().instances().stream()
                .anyMatch(m -> m.id().equals("node-b") && m.runners() == 3));

        server.stop();

        ClusterLimits degraded = a.coordinator().report(0, 0, 4);
        assertThat(degraded.degraded()).isTrue();
        assertThat(degraded.maxRunners()).as("a's share is 2, but b was last seen with 3 of the 4").isEqualTo(1);
        assertThat(a.coordinator().reserveSlots(0, 4, 4)).isEqualTo(1);
    }

    @Test
    void withoutRedisEachInstanceRunsOnItsShareAndRejoinsWithoutCountingTwice() throws Exception {
        Member a = member("node-a");
        Member b = member("node-b");
        Member c = member("node-c");
        await().atMost(DEADLINE).until(() -> a.coordinator().status().alive() == 3);
        b.coordinator().report(2, 0, 10);
        c.coordinator().report(3, 0, 10);

        server.stop();

        ClusterLimits degraded = a.coordinator().report(1, 2, 10);
        assertThat(degraded.degraded()).isTrue();
        assertThat(degraded.maxRunners()).as("10 over 3, a first in id order").isEqualTo(4);
        assertThat(degraded.minRunners()).isEqualTo(1);
        assertThat(a.coordinator().reserveSlots(3, 5, 10)).as("up to its share of 4").isEqualTo(1);
        assertThat(a.coordinator().claimJob(99, Duration.ofMinutes(5))).isTrue();
        assertThat(a.coordinator().claimJob(99, Duration.ofMinutes(5))).isFalse();
        assertThat(a.coordinator().firstDelivery("d-9")).isTrue();
        assertThat(a.coordinator().firstDelivery("d-9")).isFalse();
        assertThat(a.coordinator().status().degraded()).isTrue();
        assertThat(a.coordinator().status().leader()).isEmpty();
        assertThat(a.coordinator().isLeader()).isFalse();

        server.start();

        await("all rejoined").atMost(DEADLINE).until(() -> List.of(a, b, c).stream()
                .noneMatch(m -> m.coordinator().status().degraded()));
        await("counts restored, once").atMost(DEADLINE).untilAsserted(() ->
                assertThat(c.coordinator().status().instances())
                        .extracting(ClusterMember::id, m -> m.runners() + m.reserved())
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", 4),
                                org.assertj.core.groups.Tuple.tuple("node-b", 2),
                                org.assertj.core.groups.Tuple.tuple("node-c", 3)));
        assertThat(b.coordinator().claimJob(99, Duration.ofMinutes(5))).as("a's claim made while degraded").isFalse();
        assertThat(b.coordinator().report(2, 0, 10).maxRunners()).isEqualTo(10 - 4 - 3);
        await("a leader again").atMost(DEADLINE)
                .untilAsserted(() -> assertThat(a.coordinator().status().leader()).isPresent());
    }

    @Test
    void aValueSharedByOneMemberIsReadByTheOthersUntilItsTtlAndNobodyReadsWithoutRedis() throws Exception {
        Member a = member("node-a");
        Member b = member("node-b");
        await("one of the two leads").atMost(DEADLINE)
                .until(() -> a.coordinator().leads() ^ b.coordinator().leads());

        a.coordinator().share("scaleset:demo", "{\"assigned\":3}", Duration.ofSeconds(30));
        b.coordinator().share("scaleset:demo:session", "s-1", Duration.ofMillis(300));

        assertThat(b.coordinator().shared("scaleset:demo")).contains("{\"assigned\":3}");
        assertThat(a.coordinator().shared("scaleset:demo:session")).contains("s-1");
        assertThat(a.coordinator().shared("scaleset:other")).isEmpty();
        await("the short-lived value lapses").atMost(DEADLINE)
                .until(() -> a.coordinator().shared("scaleset:demo:session").isEmpty());

        server.stop();

        assertThat(b.coordinator().shared("scaleset:demo")).as("without Redis").isEmpty();
        assertThat(b.coordinator().leads()).as("a degraded member leads nothing").isFalse();
    }
}
