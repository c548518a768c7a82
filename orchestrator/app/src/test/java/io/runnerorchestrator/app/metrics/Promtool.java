package io.runnerorchestrator.app.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' own linter, {@code promtool check metrics}, over an exposition. */
final class Promtool {

    record Verdict(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Verdict checkMetrics(String exposition) {
        try {
            Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within 60 s");
            }
            return new Verdict(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("promtool could not run (Debian package prometheus)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
