package io.runnerorchestrator.adapter.redis;

import io.runnerorchestrator.testkit.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Lua scripts against a real redis-server: the atomic steps the cluster relies on. */
class RedisClusterTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static RedisServerProcess server;
    private static RedisConnection connection;

    private StringRedisTemplate redis;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.startOnFreePort();
        connection = RedisConnection.open(server.url(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        connection.close();
        server.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis = connection.template();
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) c -> {
            c.serverCommands().flushAll();
            return null;
        });
    }

    private RedisCluster member(String id) {
        return member(id, TTL);
    }

    private RedisCluster member(String id, Duration ttl) {
        return new RedisCluster(redis, new RedisClusterSettings(id, id + "-runners", "repo:acme/app", ttl));
    }

    @Test
    void instancesRacingForTheLastPlacesNeverGetMoreThanMax() throws Exception {
        int max = 5;
        List<RedisCluster> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(member("racer-" + i));
        }
        members.forEach(m -> m.heartbeat(0, 0, false));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(members.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (RedisCluster m : members) {
                Callable<Integer> race = () -> {
                    go.await();
                    return m.reserve(0, 1, max);
                };
                answers.add(pool.submit(race));
            }
            go.countDown();
            int granted = 0;
            for (Future<Integer> answer : answers) {
                granted += answer.get();
            }
            assertThat(granted).isEqualTo(max);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void placesAreGrantedUpToWhatTheLiveMembersLeave() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        a.report(3);

        assertThat(b.reserve(1, 10, 6)).as("6 - a's 3 - b's 1").isEqualTo(2);
        assertThat(a.reserve(3, 1, 6)).as("b reserved the last two").isZero();
        assertThat(b.report(3).othersUsage()).isEqualTo(3);
        assertThat(a.report(3).othersUsage()).as("b's reservation ended with its report").isEqualTo(3);
    }

    @Test
    void reportsAreAbsoluteSoRepeatingOneNeverCountsTwice() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        a.report(4);
        a.report(4);
        a.heartbeat(4, 0, true);

        assertThat(b.report(0).othersUsage()).isEqualTo(4);
        assertThat(b.reserve(0, 10, 10)).isEqualTo(6);
    }

    @Test
    void aDeadMembersClaimsLapseWithItsTtlButItsRunnersCountUntilTheLeaderFindsThemGone() {
        RedisCluster dying = member("dying", Duration.ofSeconds(1));
        RedisCluster survivor = member("survivor");
        dying.report(4);
        assertThat(dying.claim(42, Duration.ofMinutes(5))).isTrue();
        assertThat(survivor.claim(42, Duration.ofMinutes(5))).isFalse();
        assertThat(survivor.reserve(0, 10, 5)).isEqualTo(1);

        await("claim of a dead member taken over").atMost(Duration.ofSeconds(10))
                .until(() -> survivor.claim(42, Duration.ofMinutes(5)));
        assertThat(survivor.reserve(0, 10, 5)).as("its 4 containers may run on without it").isEqualTo(1);

        long token = survivor.lease();
        assertThat(token).as("survivor leads").isPositive();
        assertThat(dying.deadRunners(token, Map.of("dying-runners", 0))).as("fenced: not the leader").isFalse();
        assertThat(survivor.reserve(0, 10, 5)).isEqualTo(1);
        assertThat(survivor.deadRunners(token, Map.of("dying-runners", 0))).isTrue();
        assertThat(survivor.reserve(0, 10, 5)).as("GitHub shows none of them online").isEqualTo(5);
    }

    @Test
    void aJobIsClaimedOnceAndOnlyItsHolderGivesItBack() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        a.heartbeat(0, 0, false);
        b.heartbeat(0, 0, false);

        assertThat(a.claim(7, Duration.ofMinutes(1))).isTrue();
        assertThat(a.claim(7, Duration.ofMinutes(1))).as("a second claim by the holder").isFalse();
        assertThat(b.claim(7, Duration.ofMinutes(1))).isFalse();
        b.release(7);
        assertThat(b.claim(7, Duration.ofMinutes(1))).as("b cannot release a's claim").isFalse();
        a.release(7);
        assertThat(b.claim(7, Duration.ofMinutes(1))).isTrue();
        assertThat(a.reassert(7, Duration.ofMinutes(1))).as("b is alive and holds it").isFalse();
        assertThat(b.reassert(7, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void jobsClaimedByAnotherLiveMemberAreTold() {
        RedisCluster a = member("a");
        RedisCluster b = member("b", Duration.ofSeconds(1));
        a.heartbeat(0, 0, false);
        b.heartbeat(0, 0, false);
        a.claim(1, Duration.ofMinutes(1));
        b.claim(2, Duration.ofMinutes(1));

        assertThat(a.claimedElsewhere(List.of(1L, 2L, 3L))).containsExactly(2L);
        assertThat(b.claimedElsewhere(List.of(1L, 2L, 3L))).containsExactly(1L);
        await("b's claims free once b is dead").atMost(Duration.ofSeconds(10))
                .until(() -> a.claimedElsewhere(List.of(1L, 2L, 3L)).isEmpty());
    }

    @Test
    void aClaimLapsesAfterItsTtl() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        a.heartbeat(0, 0, false);
        b.heartbeat(0, 0, false);
        assertThat(a.claim(9, Duration.ofMillis(300))).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> b.claim(9, Duration.ofMinutes(1)));
    }

    @Test
    void aDeliveryIsFirstOnlyOnceAcrossMembers() {
        assertThat(member("a").firstDelivery("d-1")).isTrue();
        assertThat(member("b").firstDelivery("d-1")).isFalse();
        assertThat(member("b").firstDelivery("d-2")).isTrue();
    }

    @Test
    void oneLeaderAtATimeAndANewLeaderGetsANewerToken() {
        RedisCluster a = member("a", Duration.ofSeconds(1));
        RedisCluster b = member("b", Duration.ofSeconds(1));
        long first = a.lease();
        assertThat(first).isPositive();
        assertThat(b.lease()).isZero();
        assertThat(a.lease()).as("renewal keeps the token").isEqualTo(first);

        await("a's lease lapses").atMost(Duration.ofSeconds(10)).until(() -> b.lease() > 0);
        assertThat(b.lease()).isGreaterThan(first);
        assertThat(a.lease()).isZero();
    }

    @Test
    void aDeposedLeaderIsFencedOffFromWritingThePlacement() {
        RedisCluster a = member("a", Duration.ofSeconds(1));
        RedisCluster b = member("b", Duration.ofSeconds(1));
        long stale = a.lease();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.lease() > 0);
        long current = b.lease();

        assertThat(a.place(stale, Map.of("a", 2))).isFalse();
        assertThat(b.place(current, Map.of("b", 2))).isTrue();
        b.heartbeat(0, 0, false);
        assertThat(b.report(0).minShare()).contains(2);
    }

    @Test
    void aResignedLeaseIsFreeAtOnce() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        long token = a.lease();
        a.resign(token);

        assertThat(b.lease()).isPositive();
    }

    @Test
    void theHeartbeatRestoresCountsThatARestartedRedisLost() {
        RedisCluster a = member("a");
        RedisCluster b = member("b");
        a.report(3);
        emptyRedis();

        a.heartbeat(3, 1, false);

        assertThat(b.report(0).othersUsage()).isEqualTo(4);
    }
}
