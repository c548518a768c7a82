package io.runnerorchestrator.adapter.redis;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * An even split of a total over the members, the first ones in id order taking the remainder: every
 * member computes the same split on its own, and the shares add up to the total exactly.
 */
final class Shares {

    private Shares() {
    }

    /** {@code me}'s share of {@code total} among {@code members} (me included even if missing). */
    static int of(int total, Collection<String> members, String me) {
        TreeSet<String> ids = new TreeSet<>(members);
        ids.add(me);
        List<String> ordered = List.copyOf(ids);
        int index = ordered.indexOf(me);
        int n = ordered.size();
        return total / n + (index < total % n ? 1 : 0);
    }
}
