package io.runnerorchestrator.githubsim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Jobs to queue in one repository: {@code count} jobs with the same {@code runs-on} labels, each
 * in its own workflow run, or all in one run with {@link #matrix()}. A runner completes a job
 * {@code duration} after it took it.
 */
public record Workload(String repository, int count, List<String> labels, Duration duration, boolean isMatrix,
                       String jobName) {

    public Workload {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(jobName, "jobName");
        labels = List.copyOf(labels);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
        if (labels.stream().anyMatch(label -> label == null || label.isBlank())) {
            throw new IllegalArgumentException("labels must not be blank, got " + labels);
        }
    }

    /** {@code count} jobs in {@code repository}, labelled {@code self-hosted}, instant, one run each. */
    public static Workload jobs(String repository, int count) {
        return new Workload(repository, count, List.of("self-hosted"), Duration.ZERO, false, "build");
    }

    public Workload labels(String... runsOn) {
        return new Workload(repository, count, List.of(runsOn), duration, isMatrix, jobName);
    }

    public Workload labels(List<String> runsOn) {
        return new Workload(repository, count, runsOn, duration, isMatrix, jobName);
    }

    public Workload duration(Duration jobDuration) {
        return new Workload(repository, count, labels, jobDuration, isMatrix, jobName);
    }

    /** All jobs in one workflow run, named {@code build (1)}, {@code build (2)}, ... */
    public Workload matrix() {
        return new Workload(repository, count, labels, duration, true, jobName);
    }

    public Workload named(String name) {
        return new Workload(repository, count, labels, duration, isMatrix, name);
    }
}
