package io.runnerorchestrator.bench.docker;

import java.time.Duration;

/**
 * How a real-Docker run is made.
 *
 * @param image       the runner image (the fake runner, built by github-sim/fake-runner/build-image.sh)
 * @param warmTimeout how long the pool may take to warm up before the trace starts
 * @param jobTimeout  how long after the trace's span every job must be done
 * @param idleTail    how long the run goes on idle after the last job, to see what an idle pool costs
 */
public record DockerOptions(String image, Duration warmTimeout, Duration jobTimeout, Duration idleTail) {
    public static final String FAKE_RUNNER_IMAGE = "fake-runner:local";
}
