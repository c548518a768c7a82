package io.runnerorchestrator.core.port;

/** A backend operation that failed, with the runner it concerned and a stated cause. */
public class RunnerBackendException extends RuntimeException {
    private final String runnerName;

    public RunnerBackendException(String runnerName, String message, Throwable cause) {
        super("runner " + runnerName + ": " + message, cause);
        this.runnerName = runnerName;
    }

    public String runnerName() {
        return runnerName;
    }
}
