package io.runnerorchestrator.adapter.redis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the cluster's MIN_RUNNERS live, decided by the leader: first where runners already are (no
 * member starts a runner while another has one to spare), the rest spread evenly. Pure.
 */
final class MinPlacement {

    private MinPlacement() {
    }

    /**
     * @param runnersByMember live members and their live runners
     * @return each member's share; the shares add up to {@code min} (none when there is no member)
     */
    static Map<String, Integer> place(int min, Map<String, Integer> runnersByMember) {
        Map<String, Integer> shares = new TreeMap<>();
        runnersByMember.keySet().forEach(id -> shares.put(id, 0));
        if (shares.isEmpty()) {
            return shares;
        }
        int left = min;
        List<String> mostRunnersFirst = runnersByMember.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        for (String id : mostRunnersFirst) {
            int kept = Math.min(left, runnersByMember.get(id));
            shares.put(id, kept);
            left -= kept;
        }
        Comparator<String> fewestFirst = Comparator.<String>comparingInt(shares::get).thenComparing(Comparator.naturalOrder());
        for (; left > 0; left--) {
            String next = shares.keySet().stream().min(fewestFirst).orElseThrow();
            shares.put(next, shares.get(next) + 1);
        }
        return shares;
    }
}
