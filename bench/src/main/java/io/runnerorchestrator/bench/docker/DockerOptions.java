package io.runnerorchestrator.bench.docker;

import java.time.Duration;
import java.util.Optional;

/**
 * How a real-Docker run is made.
 *
 * @param image       the runner image (the fake runner, built by github-sim/fake-runner/build-image.sh)
 * @param warmTimeout how long the pool may take to warm up before the trace starts
 * @param jobTimeout  how long after the trace's span every job must be done
 * @param swarmHost   set: runners are services on the Swarm this manager (DOCKER_HOST form) leads
 */
public record DockerOptions(String image, Duration warmTimeout, Duration jobTimeout, Optional<String> swarmHost) {
    public static final String FAKE_RUNNER_IMAGE = "fake-runner:local";
    /** The manager of the swarm for {@code --backend swarm}. */
    public static final String SWARM_HOST_VARIABLE = "BENCH_SWARM_HOST";

    /** On the engine DOCKER_HOST names. */
    public DockerOptions(String image, Duration warmTimeout, Duration jobTimeout) {
        this(image, warmTimeout, jobTimeout, Optional.empty());
    }

    /** The same on the swarm BENCH_SWARM_HOST names. */
    public DockerOptions onSwarm() {
        String host = System.getenv(SWARM_HOST_VARIABLE);
        if (host == null || host.isBlank()) {
            throw new IllegalStateException(SWARM_HOST_VARIABLE + " is not set: scripts/bench.sh --backend swarm"
                    + " starts a private swarm and sets it");
        }
        return new DockerOptions(image, warmTimeout, jobTimeout, Optional.of(host));
    }
}
