package io.runnerorchestrator.adapter.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads the last lines a runner service's task wrote ({@code docker service logs --tail}); at most
 * {@link #MAX_BYTES} of them (the newest), whatever the number of lines asked for.
 */
final class ServiceLogs {

    /** A runner that prints megabytes per line must not fill the orchestrator's heap through /logs. */
    static final int MAX_BYTES = 1024 * 1024;
    static final String CUT_MARKER = "[earlier output cut: at most " + MAX_BYTES + " bytes are shown]\n";
    private static final long TIMEOUT_SECONDS = 30;

    private final DockerClient docker;

    ServiceLogs(DockerClient docker) {
        this.docker = docker;
    }

    String tail(String serviceId, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("tail must be 0 or more lines, got " + lines);
        }
        Collector collector = docker.logServiceCmd(serviceId).withStdout(true).withStderr(true).withTail(lines)
                .exec(new Collector());
        try {
            if (!collector.awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("logs of service " + serviceId + " not read within " + TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading logs of service " + serviceId, e);
        } finally {
            try {
                collector.close();
            } catch (IOException e) {
                // Closing a finished log stream frees a connection; failing to is not worth an error.
            }
        }
        return collector.text();
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
                String text = bytes.toString(StandardCharsets.UTF_8);
                if (!cut) {
                    return text;
                }
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
