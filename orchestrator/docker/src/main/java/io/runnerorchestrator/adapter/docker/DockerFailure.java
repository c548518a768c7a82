package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.runnerorchestrator.core.port.RunnerBackendException;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java exceptions into {@link RunnerBackendException}s that state the cause in words,
 * with the runner's secrets masked in the message and in the attached cause.
 */
final class DockerFailure {

    /** docker-java words engine errors as {@code Status 404: {"message":"No such image: x"}}. */
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerFailure() {
    }

    static RunnerBackendException imageMissing(String runnerName, String image) {
        return new RunnerBackendException(runnerName, "image " + image + " not found locally; build it on this"
                + " Docker engine (docker build -t " + image + " <dir>) or load it (docker load), or set"
                + " ORCHESTRATOR_RUNNER_IMAGE to an image the engine has", null);
    }

    /** A failed container create: a missing image and a taken name get their own words. */
    static RunnerBackendException onCreate(String runnerName, String image, RuntimeException e, Redactor redactor) {
        if (e instanceof NotFoundException && engineMessage(e).toLowerCase().contains("no such image")) {
            return imageMissing(runnerName, image);
        }
        if (e instanceof ConflictException) {
            return new RunnerBackendException(runnerName, "a container named " + runnerName + " already exists",
                    sanitized(e, redactor));
        }
        return of(runnerName, "creating the container", e, redactor);
    }

    /** Any other failed call; {@code action} says what we were doing ("starting the container"). */
    static RunnerBackendException of(String runnerName, String action, RuntimeException e, Redactor redactor) {
        return new RunnerBackendException(runnerName, action + " failed: " + describe(e, redactor),
                sanitized(e, redactor));
    }

    /** The cause in words: the engine's own message, or that the engine could not be reached. */
    static String describe(RuntimeException e, Redactor redactor) {
        if (e instanceof DockerException docker) {
            return "Docker answered " + docker.getHttpStatus() + ": " + redactor.redact(engineMessage(e));
        }
        Throwable root = rootCause(e);
        String rootMessage = root.getClass().getSimpleName() + ": " + redactor.redact(root.getMessage());
        // The transports throw plain RuntimeExceptions around IOExceptions when the engine is unreachable.
        return root instanceof IOException ? "Docker engine unreachable: " + rootMessage : rootMessage;
    }

    static String engineMessage(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher matcher = ENGINE_MESSAGE.matcher(message);
        return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : message.strip();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A copy of the cause whose message is masked, keeping its type name and stack for diagnosis. */
    private static RuntimeException sanitized(RuntimeException e, Redactor redactor) {
        RuntimeException copy = new RuntimeException(e.getClass().getName() + ": " + redactor.redact(e.getMessage()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
