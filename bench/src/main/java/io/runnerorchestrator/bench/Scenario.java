package io.runnerorchestrator.bench;

import java.util.List;

/**
 * A trace on a backend with its pool size: every policy runs it in each mode.
 *
 * @param backend          {@code docker}, {@code swarm} (only when asked for: it needs a swarm) or {@code virtual}
 * @param rateLimitPerHour GitHub's hourly budget in the virtual world (the real-Docker runs use the simulator's)
 */
public record Scenario(String trace, String backend, int minRunners, int maxRunners, int rateLimitPerHour) {
    public static final String DOCKER = "docker";
    public static final String VIRTUAL = "virtual";
    /** Runner services on a Docker Swarm (BENCH_SWARM_HOST names its manager; scripts/bench.sh starts one). */
    public static final String SWARM = "swarm";

    /** The benchmark's scenarios, in the order they run and are shown. */
    public static List<Scenario> defaults() {
        return List.of(
                new Scenario("burst-20", VIRTUAL, 2, 20, 5_000),
                new Scenario("steady", VIRTUAL, 2, 40, 5_000),
                new Scenario("bursty", VIRTUAL, 2, 100, 5_000),
                // A thousand runners for one repository spend more than a token's 5,000 requests an
                // hour; a GitHub App installation on Enterprise Cloud has 15,000.
                new Scenario("workday", VIRTUAL, 2, 1500, 15_000),
                new Scenario("burst-20", DOCKER, 2, 20, 5_000),
                new Scenario("burst-20", SWARM, 2, 20, 5_000));
    }

    public String title() {
        String where = switch (backend) {
            case DOCKER -> "real Docker";
            case SWARM -> "a Docker Swarm";
            default -> "the virtual clock";
        };
        return trace + " on " + where + " (MIN " + minRunners
                + ", MAX " + maxRunners + ")";
    }
}
