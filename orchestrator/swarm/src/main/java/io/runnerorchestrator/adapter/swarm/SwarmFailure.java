package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.exception.DockerException;
import io.runnerorchestrator.core.port.RunnerBackendException;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java exceptions into {@link RunnerBackendException}s that state the cause in words,
 * with the runner's secrets masked in the message and in the attached cause.
 */
final class SwarmFailure {

    /** docker-java words engine errors as {@code Status 404: {"message":"..."}}. */
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private SwarmFailure() {
    }

    /** {@code action} says what we were doing ("creating the service"). */
    static RunnerBackendException of(String runnerName, String action, RuntimeException e, Redactor redactor) {
        return new RunnerBackendException(runnerName, action + " failed: " + describe(e, redactor),
                sanitized(e, redactor));
    }

    /** The cause in words: the manager's own message, or that it could not be reached. */
    static String describe(RuntimeException e, Redactor redactor) {
        if (e instanceof DockerException docker) {
            return "the Swarm manager answered " + docker.getHttpStatus() + ": " + redactor.redact(engineMessage(e));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root.getClass().getSimpleName() + ": " + redactor.redact(root.getMessage());
        return root instanceof IOException ? "Swarm manager unreachable: " + rootMessage : rootMessage;
    }

    static String engineMessage(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher matcher = ENGINE_MESSAGE.matcher(message);
        return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : message.strip();
    }

    /** A copy of the cause whose message is masked, keeping its type name and stack for diagnosis. */
    private static RuntimeException sanitized(RuntimeException e, Redactor redactor) {
        RuntimeException copy = new RuntimeException(e.getClass().getName() + ": " + redactor.redact(e.getMessage()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
