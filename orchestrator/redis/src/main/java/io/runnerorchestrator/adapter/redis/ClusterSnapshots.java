package io.runnerorchestrator.adapter.redis;

import io.runnerorchestrator.core.port.ClusterView;
import io.runnerorchestrator.core.port.ClusterView.ClusterMember;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads of a {@link RedisCluster.Snapshot}: the status view, who is alive, whose prefixes are orphaned. Pure. */
final class ClusterSnapshots {

    private ClusterSnapshots() {
    }

    static ClusterView view(RedisCluster.Snapshot s, String self, boolean degraded) {
        Map<String, Double> aliveUntil = aliveUntil(s);
        TreeSet<String> ids = new TreeSet<>(s.members().keySet());
        ids.addAll(aliveUntil.keySet());
        List<ClusterMember> members = new ArrayList<>();
        for (String id : ids) {
            members.add(new ClusterMember(id, s.members().getOrDefault(id, ""), alive(aliveUntil, id, s.now()),
                    number(s.runners().get(id)), number(s.reserved().get(id)),
                    Optional.ofNullable(s.placement().get(id)).map(Integer::parseInt)));
        }
        Optional<String> leader = s.lease().map(held -> held.substring(0, held.lastIndexOf('|')));
        return new ClusterView(true, degraded, self, leader, members);
    }

    /** Live members and their runners, for the MIN placement. */
    static Map<String, Integer> liveRunners(RedisCluster.Snapshot s) {
        Map<String, Integer> live = new TreeMap<>();
        aliveUntil(s).forEach((id, until) -> {
            if (until > s.now()) {
                live.put(id, number(s.runners().get(id)));
            }
        });
        return live;
    }

    /** Prefixes of dead members that no live member (this one included) uses. */
    static Set<String> deadPrefixes(RedisCluster.Snapshot s, String self) {
        Map<String, Double> aliveUntil = aliveUntil(s);
        Map<Boolean, Set<String>> byLiveness = s.members().entrySet().stream()
                .collect(Collectors.partitioningBy(m -> m.getKey().equals(self) || alive(aliveUntil, m.getKey(), s.now()),
                        Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        Set<String> dead = new TreeSet<>(byLiveness.get(false));
        dead.removeAll(byLiveness.get(true));
        dead.remove("");
        return dead;
    }

    /** Members whose last heartbeat is older than {@code forgetAfterMs}. */
    static List<String> longDead(RedisCluster.Snapshot s, long forgetAfterMs) {
        List<String> gone = new ArrayList<>();
        aliveUntil(s).forEach((id, until) -> {
            if (until < s.now() - forgetAfterMs) {
                gone.add(id);
            }
        });
        return gone;
    }

    private static Map<String, Double> aliveUntil(RedisCluster.Snapshot s) {
        Map<String, Double> until = new HashMap<>();
        for (TypedTuple<String> entry : s.alive()) {
            if (entry.getValue() != null && entry.getScore() != null) {
                until.put(entry.getValue(), entry.getScore());
            }
        }
        return until;
    }

    private static boolean alive(Map<String, Double> aliveUntil, String id, long now) {
        return aliveUntil.getOrDefault(id, 0.0) > now;
    }

    private static int number(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }
}
