package io.runnerorchestrator.e2e.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds the fake runner image as run.sh does (a no-op in about a second when it is up to date). */
public final class FakeRunnerImage {

    public static final String TAG = "fake-runner:local";
    private static final Path SCRIPT = Path.of("..", "..", "github-sim", "fake-runner", "build-image.sh");

    private FakeRunnerImage() {
    }

    public static void ensureBuilt() throws IOException, InterruptedException {
        Process build = new ProcessBuilder(SCRIPT.toAbsolutePath().normalize().toString(), TAG)
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!build.waitFor(180, TimeUnit.SECONDS) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new AssertionError("build-image.sh failed: " + output);
        }
    }
}
