package io.runnerorchestrator.core.port;

import java.util.Optional;

/** A backend operation that failed, with the runner it concerned and a stated cause. */
public class RunnerBackendException extends RuntimeException {
    private final String runnerName;
    private final Integer exitCode;

    public RunnerBackendException(String runnerName, String message, Throwable cause) {
        this(runnerName, message, cause, null);
    }

    private RunnerBackendException(String runnerName, String message, Throwable cause, Integer exitCode) {
        super("runner " + runnerName + ": " + message, cause);
        this.runnerName = runnerName;
        this.exitCode = exitCode;
    }

    /** The runner's container stopped right after it was started, with the runner's own exit code. */
    public static RunnerBackendException exitedAtStart(String runnerName, String message, int exitCode) {
        return new RunnerBackendException(runnerName, message, null, exitCode);
    }

    public String runnerName() {
        return runnerName;
    }

    /** The exit code of a runner that stopped right after start; empty for every other failure. */
    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }
}
