package io.runnerorchestrator.githubsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands (docker, the image build script) and captures their output; secrets go in env only. */
final class DockerCli {
    private DockerCli() {
    }

    static Result run(Map<String, String> env, Path workDir, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result docker(String... args) {
        return dockerWithEnv(Map.of(), args);
    }

    static Result dockerWithEnv(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(env, null, command.toArray(String[]::new));
    }

    /** Removes every container carrying the test's own label, and nothing else. */
    static void removeLabelled(String label) {
        String ids = docker("ps", "-aq", "--filter", "label=" + label).output().trim();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(List.of(ids.split("\\s+")));
            docker(args.toArray(String[]::new));
        }
    }

    record Result(int exitCode, String output) {
        Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ": " + output);
            }
            return this;
        }
    }
}
