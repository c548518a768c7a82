package io.runnerorchestrator.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, as the table shows them. Waits are queued to started (for a job never
 * started, queued to the end of the run); added pickup latency
 * is queued to the start of the container of the runner that took the job (zero when that runner
 * was already up); runner-seconds count container time inside the window, busy while a job ran and
 * idle otherwise (booting included). CPU is the passes' CPU time over the time the loop ran. Calls to
 * the Actions service (scale-set mode) are apart from the REST requests: those that register (the admin
 * connection and JIT configs) and all others (sessions, the message queue, acquisitions, runner lookups
 * and removals), per job.
 */
public record RunSummary(RunLabel label, int jobs, int completed, Percentiles waitSeconds,
                         Percentiles pickupSeconds, double idleRunnerSeconds, double busyRunnerSeconds,
                         int peakRunners, double countedPerJob, double notModifiedPerJob,
                         double countedPerIdleHour, double notModifiedPerIdleHour, Percentiles passMillis,
                         double heapMegabytes, double cpuPercent, Map<String, long[]> requestsByEndpoint,
                         double actionsRegisteringPerJob, double actionsOtherPerJob,
                         Map<String, long[]> actionsByEndpoint) {

    public static RunSummary of(RunRecord run) {
        Map<String, RunnerLife> lives = new HashMap<>();
        run.runners().forEach(life -> lives.put(life.name(), life));
        List<Double> waits = new ArrayList<>();
        List<Double> pickups = new ArrayList<>();
        double busy = 0;
        int completed = 0;
        for (JobRecord job : run.jobs()) {
            if (job.completedAt().isPresent()) {
                completed++;
            }
            if (job.startedAt().isEmpty()) {
                // Never started: it counts with the wait it had when the run ended, a lower bound.
                waits.add(seconds(job.queuedAt(), run.windowEnd()));
                continue;
            }
            waits.add(seconds(job.queuedAt(), job.startedAt().get()));
            RunnerLife life = job.runnerName().map(lives::get).orElse(null);
            if (life != null) {
                pickups.add(Math.max(0, seconds(job.queuedAt(), life.startedAt())));
            }
            busy += clipped(run, job.startedAt().get(), job.completedAt().orElse(run.windowEnd()));
        }
        double alive = run.runners().stream()
                .mapToDouble(life -> clipped(run, life.startedAt(), life.endedAt().orElse(run.windowEnd()))).sum();
        int jobs = run.jobs().size();
        double idleHours = run.idleTime().toMillis() / 3_600_000.0;
        return new RunSummary(RunLabel.of(run), jobs, completed, percentiles(waits), percentiles(pickups), Math.max(0, alive - busy),
                busy, peak(run.runners(), run.windowEnd()), perUnit(run.requests().counted(), jobs),
                perUnit(run.requests().notModified(), jobs), perUnit(run.requests().idleCounted(), idleHours),
                perUnit(run.requests().idleNotModified(), idleHours), run.passes().millis(),
                run.heapBytes() / (1024.0 * 1024.0),
                100.0 * run.cpu().toNanos() / Math.max(1, run.loopTime().toNanos()), run.requests().byEndpoint(),
                perUnit(actions(run, true), jobs), perUnit(actions(run, false), jobs), run.actions().byEndpoint());
    }

    /** Whether an Actions service call registers: the admin connection, or a runner's JIT config. */
    public static boolean registers(String endpoint) {
        return endpoint.endsWith("/actions/runner-registration") || endpoint.endsWith("/generatejitconfig");
    }

    /** Whether the run made any call to the Actions service (scale-set mode). */
    public boolean usedActionsService() {
        return !actionsByEndpoint.isEmpty();
    }

    private static long actions(RunRecord run, boolean registering) {
        return run.actions().byEndpoint().entrySet().stream().filter(e -> registers(e.getKey()) == registering)
                .mapToLong(e -> e.getValue()[0] + e.getValue()[1]).sum();
    }

    /** Idle runner-seconds as a share of busy ones, in percent. */
    public double idleShare() {
        return busyRunnerSeconds == 0 ? Double.NaN : 100 * idleRunnerSeconds / busyRunnerSeconds;
    }

    private static int peak(List<RunnerLife> lives, Instant end) {
        List<long[]> changes = new ArrayList<>();
        for (RunnerLife life : lives) {
            changes.add(new long[]{life.startedAt().toEpochMilli(), 1});
            long ended = life.endedAt().orElse(end).toEpochMilli();
            changes.add(new long[]{Math.max(ended, life.startedAt().toEpochMilli()), -1});
        }
        changes.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] change : changes) {
            now += (int) change[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    private static double clipped(RunRecord run, Instant from, Instant to) {
        Instant start = from.isBefore(run.windowStart()) ? run.windowStart() : from;
        Instant end = to.isAfter(run.windowEnd()) ? run.windowEnd() : to;
        return end.isAfter(start) ? seconds(start, end) : 0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static double perUnit(long count, double units) {
        return units <= 0 ? Double.NaN : count / units;
    }

    private static Percentiles percentiles(List<Double> values) {
        return new Percentiles(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
