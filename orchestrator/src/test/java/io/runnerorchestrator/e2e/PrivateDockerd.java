package io.runnerorchestrator.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of a test's own, beside the machine's shared one, through
 * {@code scripts/private-dockerd.sh}: a test may stop, kill and restart it (the chaos soak does) or
 * run a second daemon next to others (a Swarm test). It has no images: {@link #loadImage} copies one
 * from the shared engine. {@link #close()} stops it and removes its directories, containers and
 * images with them, so nothing of it is left on the machine.
 * <p>
 * Every method is synchronized: a stop and the start that ends a fault window may be scheduled
 * close together, and a start that ran while the stop was still under way would find the engine
 * up and do nothing, leaving it down once the stop ends.
 */
public final class PrivateDockerd implements AutoCloseable {

    private static final Path SCRIPT = Path.of("..", "scripts", "private-dockerd.sh");
    /** Covers a stop (containers get 10 s before SIGKILL), a restore and the script's own timeouts. */
    private static final long SCRIPT_DEADLINE_SECONDS = 180;

    private final String name;
    private final Path log;
    private final String host;

    private PrivateDockerd(String name, Path log, String host) {
        this.name = name;
        this.log = log;
        this.host = host;
    }

    /**
     * Starts the engine {@code name} (letters, digits, '-', '_'; unique on the machine) and waits
     * until it answers; its dockerd log goes to {@code log}.
     */
    public static PrivateDockerd start(String name, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + log, e);
        }
        String host = script(log, "start", name).strip();
        return new PrivateDockerd(name, log, host);
    }

    /** DOCKER_HOST for this engine, e.g. unix:///run/private-dockerd/NAME/docker.sock. */
    public String host() {
        return host;
    }

    public String name() {
        return name;
    }

    /** Its dockerd log (kept after {@link #close()}). */
    public Path log() {
        return log;
    }

    /**
     * Stops the engine: SIGTERM (dockerd stops its containers, then exits) or, with {@code kill},
     * SIGKILL (a crash: containers go on running until the next {@link #start()} stops them).
     */
    public synchronized void stop(boolean kill) {
        script(log, kill ? "kill" : "stop", name);
    }

    /** Starts it again with the same roots (no-op while it runs); returns once it answers. */
    public synchronized void start() {
        script(log, "start", name);
    }

    /** Copies an image of the shared engine into this one ({@code docker save | docker load}). */
    public synchronized void loadImage(String image) {
        try {
            Process save = new ProcessBuilder("docker", "save", image).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ProcessBuilder loadBuilder = new ProcessBuilder("docker", "load", "-q").redirectErrorStream(true);
            loadBuilder.environment().put("DOCKER_HOST", host);
            Process load = loadBuilder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(load.getInputStream()));
            try (InputStream from = save.getInputStream(); OutputStream to = load.getOutputStream()) {
                from.transferTo(to);
            }
            boolean saved = save.waitFor(2, TimeUnit.MINUTES) && save.exitValue() == 0;
            boolean loaded = load.waitFor(2, TimeUnit.MINUTES) && load.exitValue() == 0;
            if (!saved || !loaded) {
                throw new IllegalStateException("cannot load " + image + " into " + name + ": " + output.join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + image + " into " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + image, e);
        }
    }

    /** Stops the engine and removes its roots; a failure is reported, it must not hide a test's outcome. */
    @Override
    public synchronized void close() {
        try {
            script(log, "destroy", name);
        } catch (RuntimeException e) {
            System.out.println("private-dockerd.destroy_failed name=" + name + " error=" + e.getMessage());
        }
    }

    private static String script(Path log, String command, String name) {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command, name);
        builder.environment().put("PRIVATE_DOCKERD_LOG", log.toAbsolutePath().toString());
        try {
            Process process = builder.redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            if (!process.waitFor(SCRIPT_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", builder.command()) + " did not end in "
                        + SCRIPT_DEADLINE_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + output.join());
            }
            return output.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command + " " + name, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "PrivateDockerd[" + name + " " + host + "]";
    }

    /** A docker CLI command against this engine, for what docker-java makes long-winded (tag, build). */
    public List<String> cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(arguments));
        return command;
    }
}
