package io.runnerorchestrator.core.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and checks the runner limits, written as for {@code docker run --cpus/--memory}; shared by every
 * backend that runs runners in containers (docker, swarm), so the variables read and fail alike.
 */
public final class RunnerLimits {

    /** The smallest memory limit Docker accepts. */
    public static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;
    /** The smallest pids limit accepted: the runner, its shell and a job's few processes. */
    public static final long MIN_PIDS = 64;
    private static final BigDecimal NANOS_PER_CPU = BigDecimal.valueOf(1_000_000_000L);
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(?:i?b)?");

    private RunnerLimits() {
    }

    /** ORCHESTRATOR_RUNNER_CPUS: a positive number of CPUs, e.g. {@code 1.5} -> 1_500_000_000 nano CPUs. */
    public static long nanoCpus(String cpus) {
        BigDecimal value;
        try {
            value = new BigDecimal(cpus.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_CPUS must be a number of CPUs like 1.5, got '"
                    + cpus + "'");
        }
        long nanos = value.multiply(NANOS_PER_CPU).longValue();
        checkNanoCpus(nanos);
        return nanos;
    }

    /** ORCHESTRATOR_RUNNER_MEMORY: bytes, or a number with k, m or g (binary units), e.g. {@code 2g}, {@code 512m}. */
    public static long memoryBytes(String memory) {
        Matcher matcher = MEMORY.matcher(memory == null ? "" : memory.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_MEMORY must be bytes or a number with k, m or g"
                    + " like 2g, got '" + memory + "'");
        }
        long unit = switch (matcher.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
        checkMemoryBytes(bytes);
        return bytes;
    }

    /** ORCHESTRATOR_RUNNER_PIDS: the most processes (and threads) one runner may have, e.g. {@code 4096}. */
    public static long pids(String pids) {
        long value;
        try {
            value = Long.parseLong(pids == null ? "" : pids.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_PIDS must be a whole number like 4096, got '"
                    + pids + "'");
        }
        checkPids(value);
        return value;
    }

    public static void checkPids(long pids) {
        if (pids < MIN_PIDS) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_PIDS must be at least " + MIN_PIDS + " (a runner"
                    + " needs a few dozen processes), got " + pids);
        }
    }

    public static void checkNanoCpus(long nanoCpus) {
        if (nanoCpus <= 0) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_CPUS must be more than 0, got " + nanoCpus
                    + " nano CPUs");
        }
    }

    public static void checkMemoryBytes(long bytes) {
        if (bytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("ORCHESTRATOR_RUNNER_MEMORY must be at least 6m (Docker's minimum),"
                    + " got " + bytes + " bytes");
        }
    }
}
