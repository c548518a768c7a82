package io.runnerorchestrator.demo;

import io.runnerorchestrator.core.port.BackendDescription;
import io.runnerorchestrator.core.port.BackendHealth;
import io.runnerorchestrator.core.port.BackendSetup;
import io.runnerorchestrator.core.port.RunnerBackend;

/**
 * Which runners the demo uses, and why, in words for the console.
 *
 * @param docker true: runner containers on the Docker engine; false: github-sim's in-process runners
 */
public record RunnerChoice(boolean docker, String description) {

    /**
     * Containers when the configured backend can run runners now (its engine answers and has the
     * image), the simulator's in-process runners otherwise; the backend is opened and closed again.
     */
    public static RunnerChoice probe(BackendSetup setup) {
        BackendDescription described = setup.describe();
        try (RunnerBackend backend = setup.open()) {
            BackendHealth health = backend.health();
            return health.up()
                    ? containers("runner containers of " + described.image() + " (" + described.backend() + " backend): "
                    + health.detail())
                    : simulated(health.detail());
        }
    }

    public static RunnerChoice containers(String description) {
        return new RunnerChoice(true, description);
    }

    /** @param reason why not containers, e.g. "no Docker engine reachable at unix:///..." */
    public static RunnerChoice simulated(String reason) {
        return new RunnerChoice(false, reason + ": using simulated runners");
    }
}
