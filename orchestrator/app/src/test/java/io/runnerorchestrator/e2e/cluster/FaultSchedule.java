package io.runnerorchestrator.e2e.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a chaos soak, drawn from a seed: the same seed gives the same schedule. Every kind
 * comes once, in the seed's order, before any comes again (in the first round the engine restart
 * comes first, so that even a short soak has one). Faults follow one another with a quiet
 * gap between them, from {@link #FIRST_AFTER} until {@link #QUIET_TAIL}
 * before the end, so the soak starts and ends calm.
 */
final class FaultSchedule {

    static final Duration FIRST_AFTER = Duration.ofSeconds(20);
    static final Duration QUIET_TAIL = Duration.ofSeconds(30);

    enum Kind {
        /** SIGKILL of one instance, restarted with the same id after the window. */
        KILL_INSTANCE,
        /** Every GitHub API call answers 502 during the window. */
        GITHUB_5XX,
        /** GitHub's rate limit is used up for the window. */
        RATE_LIMIT,
        /** redis-server stops, and starts again on the same port after the window. */
        REDIS_RESTART,
        /** The runner image's tag points at an image whose runner exits at once. */
        BROKEN_IMAGE,
        /** The next few GitHub calls take effect but their answers come after the client gave up. */
        LOST_ANSWERS,
        /**
         * The soak's own dockerd stops (SIGTERM: it stops the runner containers) or crashes (SIGKILL:
         * they run on until the engine is back, which then stops them), and starts again after the
         * window with the same roots.
         */
        DOCKERD_RESTART
    }

    /**
     * @param instance for {@link Kind#KILL_INSTANCE}: which one (0-based)
     * @param sigkill  for {@link Kind#DOCKERD_RESTART}: SIGKILL rather than SIGTERM
     */
    record Fault(Duration at, Kind kind, Duration window, int instance, boolean sigkill) {
        Duration end() {
            return at.plus(window);
        }

        @Override
        public String toString() {
            return "t+" + at.toSeconds() + "s " + kind.name().toLowerCase() + " for " + window.toSeconds() + "s"
                    + (kind == Kind.KILL_INSTANCE ? " instance=" + instance : "")
                    + (kind == Kind.DOCKERD_RESTART ? " signal=" + (sigkill ? "KILL" : "TERM") : "");
        }
    }

    private FaultSchedule() {
    }

    static List<Fault> draw(long seed, Duration total, int instances) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        Duration at = FIRST_AFTER;
        Duration lastStart = total.minus(QUIET_TAIL);
        List<Kind> kinds = new ArrayList<>();
        boolean firstRound = true;
        while (true) {
            if (kinds.isEmpty()) {
                // Every kind once, in an order of the seed's, before any comes again.
                kinds.addAll(List.of(Kind.values()));
                java.util.Collections.shuffle(kinds, random);
                if (firstRound) {
                    // A 3-minute soak has room for about five of the seven kinds: the engine restart,
                    // the only fault that kills runners in the middle of their jobs, is never left out.
                    kinds.remove(Kind.DOCKERD_RESTART);
                    kinds.add(0, Kind.DOCKERD_RESTART);
                    firstRound = false;
                }
            }
            Kind kind = kinds.remove(0);
            Duration window = Duration.ofSeconds(switch (kind) {
                case KILL_INSTANCE, REDIS_RESTART, DOCKERD_RESTART -> 3 + random.nextInt(8);
                case GITHUB_5XX, BROKEN_IMAGE -> 5 + random.nextInt(16);
                case RATE_LIMIT -> 10 + random.nextInt(21);
                case LOST_ANSWERS -> 33;
            });
            if (at.plus(window).compareTo(lastStart) > 0) {
                return List.copyOf(faults);
            }
            faults.add(new Fault(at, kind, window, random.nextInt(instances),
                    kind == Kind.DOCKERD_RESTART && random.nextBoolean()));
            at = at.plus(window).plusSeconds(10 + random.nextInt(11));
        }
    }
}
