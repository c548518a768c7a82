package io.runnerorchestrator.core.port;

import java.util.List;

/**
 * Where runners run: Docker containers, or another backend from its own module (see
 * {@link RunnerBackendProvider}). A backend lists and touches only the instances it created for this
 * orchestrator instance (ownership by labels); everything else is invisible to it.
 */
public interface RunnerBackend extends AutoCloseable {

    /** The backend's name, as ORCHESTRATOR_BACKEND spells it (e.g. docker). */
    String name();

    /** Whether runners can start now; asked by readiness, so it answers within a few seconds. */
    BackendHealth health();

    /** Every instance this orchestrator instance owns, running or not. */
    List<RunnerInstance> list();

    /** Creates and starts one runner. Throws {@link RunnerBackendException} with a stated cause. */
    RunnerInstance start(RunnerSpec spec);

    /** Stops and removes the instance named {@code runnerName} with its anonymous volumes; idempotent. */
    void remove(String runnerName);

    /** The last {@code tail} lines of the instance's output. */
    String logs(String runnerName, int tail);

    /** Releases the connection to the engine; runners keep running (they are adopted on the next start). */
    @Override
    default void close() {
    }
}
