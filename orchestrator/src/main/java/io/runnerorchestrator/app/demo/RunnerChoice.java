package io.runnerorchestrator.app.demo;

/**
 * Which runners the demo uses, and why, in words for the console.
 *
 * @param docker true: runner containers on the Docker engine; false: github-sim's in-process runners
 */
record RunnerChoice(boolean docker, String description) {

    static RunnerChoice containers(String description) {
        return new RunnerChoice(true, description);
    }

    /** @param reason why not containers, e.g. "no Docker engine reachable at unix:///..." */
    static RunnerChoice simulated(String reason) {
        return new RunnerChoice(false, reason + ": using simulated runners");
    }
}
