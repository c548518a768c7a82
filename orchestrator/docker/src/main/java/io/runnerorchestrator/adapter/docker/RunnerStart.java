package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.runnerorchestrator.core.port.RunnerBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a created container and checks it survived the start. On any failure the container is
 * removed again (a failed start never leaks a container) and the cause is stated in words.
 */
final class RunnerStart {

    /** How much of a container's output goes into the message of a failed start. */
    static final int OUTPUT_LINES = 10;
    private static final Logger log = LoggerFactory.getLogger(RunnerStart.class);

    private final DockerClient docker;
    private final ContainerLogs logs;

    RunnerStart(DockerClient docker, ContainerLogs logs) {
        this.docker = docker;
        this.logs = logs;
    }

    /** A step between create and start; on failure the container is removed and the cause stated. */
    void prepare(String runnerName, String containerId, Redactor redactor, String step, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            discard(runnerName, containerId);
            throw DockerFailure.of(runnerName, step + " in container " + DockerRunnerBackend.shortId(containerId), e,
                    redactor);
        }
    }

    /** Starts the container and returns its state right after; throws with a stated cause. */
    InspectContainerResponse start(String runnerName, String containerId, Redactor redactor) {
        try {
            docker.startContainerCmd(containerId).exec();
            InspectContainerResponse started = docker.inspectContainerCmd(containerId).exec();
            ContainerStatus status = ContainerStatus.of(started.getState());
            if (status.diedOnArrival()) {
                // The exit code travels with the failure: 7 (a runner version GitHub no longer accepts) halts starts.
                throw RunnerBackendException.exitedAtStart(runnerName, "container "
                        + DockerRunnerBackend.shortId(containerId) + " " + redactor.redact(status.exitReason())
                        + " right after start" + lastOutput(containerId, redactor), status.exitCodeIfStopped().orElseThrow());
            }
            return started;
        } catch (RunnerBackendException e) {
            discard(runnerName, containerId);
            throw e;
        } catch (RuntimeException e) {
            discard(runnerName, containerId);
            throw DockerFailure.of(runnerName, "starting container " + DockerRunnerBackend.shortId(containerId), e,
                    redactor);
        }
    }

    private String lastOutput(String containerId, Redactor redactor) {
        try {
            String output = redactor.redact(logs.tail(containerId, OUTPUT_LINES)).strip();
            return output.isEmpty() ? "; no output" : "; last output: " + output.replace("\n", " | ");
        } catch (RuntimeException e) {
            // The exit is the news; unreadable output must not hide it.
            return "; output unreadable: " + e.getClass().getSimpleName();
        }
    }

    private void discard(String runnerName, String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            log.info("runner.start_failed.removed name={} container={}", runnerName,
                    DockerRunnerBackend.shortId(containerId));
        } catch (NotFoundException e) {
            log.debug("runner.start_failed.already_gone name={}", runnerName);
        } catch (RuntimeException e) {
            // Still labelled, so the next reconcile pass sees it as a dead runner and removes it.
            log.warn("runner.start_failed.remove_failed name={} container={} error={}", runnerName,
                    DockerRunnerBackend.shortId(containerId), e.getClass().getSimpleName());
        }
    }
}
