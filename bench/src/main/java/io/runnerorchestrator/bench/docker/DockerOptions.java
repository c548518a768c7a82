package io.runnerorchestrator.bench.docker;

import java.time.Duration;

/**
 * How a real-Docker run is made.
 *
 * @param image       the runner image (the fake runner, built by github-sim/fake-runner/build-image.sh)
 * @param warmTimeout how long the pool may take to warm up before the trace starts
 * @param jobTimeout  how long after the trace's span every job must be done
 */
public record DockerOptions(String image, Duration warmTimeout, Duration jobTimeout) {
    public static final String FAKE_RUNNER_IMAGE = "fake-runner:local";
}
