package io.runnerorchestrator.adapter.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Reads the last lines a container wrote, stdout and stderr in the order they were written; at most
 * {@link #MAX_BYTES} of them (the newest), whatever the number of lines asked for.
 */
final class ContainerLogs {

    /** A runner that prints megabytes per line must not fill the orchestrator's heap through /logs. */
    static final int MAX_BYTES = 1024 * 1024;
    static final String CUT_MARKER = "[earlier output cut: at most " + MAX_BYTES + " bytes are shown]\n";
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

    /** Keeps the newest {@link #MAX_BYTES} bytes it is sent. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean cut;

        @Override
        public void onNext(Frame frame) {
            synchronized (bytes) {
                bytes.writeBytes(frame.getPayload());
                if (bytes.size() > 2 * MAX_BYTES) {
                    keepNewest();
                }
            }
        }

        String text() {
            synchronized (bytes) {
                if (bytes.size() > MAX_BYTES) {
                    keepNewest();
                }
                String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
                if (!cut) {
                    return text;
                }
                // From the first whole line on: a cut line (or a cut UTF-8 sequence) would mislead.
                int newline = text.indexOf('\n');
                return CUT_MARKER + (newline < 0 ? text : text.substring(newline + 1));
            }
        }

        private void keepNewest() {
            byte[] all = bytes.toByteArray();
            bytes.reset();
            bytes.write(all, all.length - MAX_BYTES, MAX_BYTES);
            cut = true;
        }
    }
}
