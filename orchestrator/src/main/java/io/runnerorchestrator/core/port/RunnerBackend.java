package io.runnerorchestrator.core.port;

import java.util.List;

/**
 * Where runners run: Docker containers now, other backends later. A backend lists and touches only
 * the instances it created for this orchestrator instance (ownership by labels); everything else is
 * invisible to it.
 */
public interface RunnerBackend {

    /** Every instance this orchestrator instance owns, running or not. */
    List<RunnerInstance> list();

    /** Creates and starts one runner. Throws {@link RunnerBackendException} with a stated cause. */
    RunnerInstance start(RunnerSpec spec);

    /** Stops and removes the instance named {@code runnerName} with its anonymous volumes; idempotent. */
    void remove(String runnerName);

    /** The last {@code tail} lines of the instance's output. */
    String logs(String runnerName, int tail);
}
