package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/** Reads the last lines a container wrote, stdout and stderr in the order they were written. */
final class ContainerLogs {

    private static final long TIMEOUT_SECONDS = 30;

    private final DockerClient docker;

    ContainerLogs(DockerClient docker) {
        this.docker = docker;
    }

    String tail(String containerId, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("tail must be 0 or more lines, got " + lines);
        }
        Collector collector = docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withTail(lines)
                .exec(new Collector());
        try {
            if (!collector.awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("logs of container " + containerId + " not read within "
                        + TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading logs of container " + containerId, e);
        } finally {
            close(collector);
        }
        return collector.text();
    }

    private static void close(Collector collector) {
        try {
            collector.close();
        } catch (java.io.IOException e) {
            // Closing a finished log stream frees a connection; failing to is not worth an error.
        }
    }

    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void onNext(Frame frame) {
            synchronized (bytes) {
                bytes.writeBytes(frame.getPayload());
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
