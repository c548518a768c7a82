package io.runnerorchestrator.core;

import io.runnerorchestrator.core.port.ClusterLimits;
import io.runnerorchestrator.core.port.Coordinator;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster's shared state in memory, with one {@link Coordinator} per member: places under MAX are
 * summed over the members (a dead one as the leader last counted it), job claims are shared, and the
 * test says who leads and who is dead. Members are named by their runner prefix.
 */
final class InMemoryCluster {
    private final Map<String, Integer> runners = new HashMap<>();
    private final Map<String, Integer> reserved = new HashMap<>();
    private final Map<Long, String> claims = new HashMap<>();
    private final Set<String> deadPrefixes = new HashSet<>();
    private String leader = "";

    Coordinator member(String id) {
        return new Member(id);
    }

    synchronized void lead(String id) {
        leader = id;
    }

    synchronized void died(String prefix) {
        deadPrefixes.add(prefix);
    }

    private synchronized int othersUsage(String me) {
        int used = 0;
        for (String id : runners.keySet()) {
            used += id.equals(me) ? 0 : runners.get(id) + reserved.getOrDefault(id, 0);
        }
        return used;
    }

    private final class Member implements Coordinator {
        private final String id;

        Member(String id) {
            this.id = id;
        }

        @Override
        public boolean claimJob(long jobId, Duration ttl) {
            synchronized (InMemoryCluster.this) {
                return claims.putIfAbsent(jobId, id) == null;
            }
        }

        @Override
        public void releaseJob(long jobId) {
            synchronized (InMemoryCluster.this) {
                claims.remove(jobId, id);
            }
        }

        @Override
        public Set<Long> claimedElsewhere(List<Long> jobIds) {
            synchronized (InMemoryCluster.this) {
                Set<Long> elsewhere = new HashSet<>();
                jobIds.stream().filter(job -> claims.containsKey(job) && !claims.get(job).equals(id))
                        .forEach(elsewhere::add);
                return elsewhere;
            }
        }

        @Override
        public boolean firstDelivery(String deliveryId) {
            return true;
        }

        @Override
        public ClusterLimits report(int live, int clusterMin, int clusterMax) {
            synchronized (InMemoryCluster.this) {
                runners.put(id, live);
                reserved.put(id, 0);
                return new ClusterLimits(clusterMin, Math.max(0, clusterMax - othersUsage(id)), false);
            }
        }

        @Override
        public int reserveSlots(int live, int wanted, int clusterMax) {
            synchronized (InMemoryCluster.this) {
                runners.put(id, live);
                int granted = Math.max(0, Math.min(wanted, clusterMax - live - othersUsage(id)));
                reserved.put(id, granted);
                return granted;
            }
        }

        /** Members here are named by their prefix, so the count replaces the dead member's own. */
        @Override
        public void deadPeerRunners(Map<String, Integer> onlineByPrefix) {
            synchronized (InMemoryCluster.this) {
                if (leader.equals(id)) {
                    onlineByPrefix.forEach((prefix, n) -> {
                        runners.put(prefix, n);
                        reserved.put(prefix, 0);
                    });
                }
            }
        }

        @Override
        public Set<String> deadPeerPrefixes() {
            synchronized (InMemoryCluster.this) {
                return leader.equals(id) ? Set.copyOf(deadPrefixes) : Set.of();
            }
        }
    }
}
