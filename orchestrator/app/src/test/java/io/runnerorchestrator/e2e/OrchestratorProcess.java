package io.runnerorchestrator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar ({@value #JAR_PATH}) running as a child process with a given environment and
 * nothing else, its output in a file. Failsafe runs after packaging, so the jar is the one users get.
 */
public final class OrchestratorProcess implements AutoCloseable {

    static final String JAR_PATH = "target/runner-orchestrator.jar";
    static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String STARTED = "Started RunnerOrchestratorApplication";
    /** Startup flags only (C1 compiler, serial GC): the two cores here are shared by many JVMs. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final Path log;

    private OrchestratorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the jar and waits until Spring reports it started (the reconcile loop runs by then). */
    public static OrchestratorProcess start(Map<String, String> environment, Path log) {
        Path jar = Path.of(JAR_PATH);
        assertThat(jar).as("the packaged jar (failsafe runs after package)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java);
        builder.command().addAll(JVM_FLAGS);
        builder.command().addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        OrchestratorProcess started;
        try {
            started = new OrchestratorProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        try {
            started.awaitStarted();
        } catch (RuntimeException | AssertionError e) {
            // Not returned, so no caller could ever stop it: a JVM left running would outlive the test.
            started.close();
            throw e;
        }
        return started;
    }

    private void awaitStarted() {
        await("orchestrator start (log " + log + ")").atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive()).as("orchestrator exited while starting:%n%s", tail(40)).isTrue();
                    return log().contains(STARTED);
                });
    }

    /** The HTTP port it listens on (PORT=0 lets it pick a free one). */
    public int port() {
        Matcher matcher = PORT.matcher(log());
        assertThat(matcher.find()).as("port in the log").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** SIGTERM: what `docker stop`, systemd and Kubernetes send. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end and returns its exit status; fails after {@code deadline}. */
    public int awaitExit(Duration deadline) {
        await("orchestrator exit").atMost(deadline).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** Log lines with this event name, e.g. {@code runner.started}. */
    public List<String> events(String event) {
        return log().lines().filter(line -> line.contains(" " + event + " ")).toList();
    }

    String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
