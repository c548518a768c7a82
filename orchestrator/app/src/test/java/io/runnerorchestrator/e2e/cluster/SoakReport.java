package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.cluster.FaultSchedule.Fault;
import io.runnerorchestrator.githubsim.SimState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a chaos soak came to, as the table scripts/soak.sh prints and docs/reliability.md keeps. */
record SoakReport(long seed, Duration duration, int faults, int queued, int completed, int lost, int busyRemoved,
                  int maxLive, int max, int leakedContainers, int leakedRegistrations, Duration p95WaitCalm,
                  int calmJobs) {

    /** A job waiting during a fault, or this long after it, is not counted in the calm p95. */
    static final Duration SETTLE_AFTER_FAULT = Duration.ofSeconds(15);

    static SoakReport of(long seed, Duration duration, List<Fault> faults, SimState state, List<Long> ids, int max,
                         int maxLive, int leakedContainers, int leakedRegistrations, Instant start) {
        Set<Long> ours = new HashSet<>(ids);
        List<SimState.Job> jobs = state.jobs().stream().filter(job -> ours.contains(job.id())).toList();
        int completed = (int) jobs.stream().filter(job -> "completed".equals(job.status())).count();
        int busyRemoved = (int) jobs.stream()
                .filter(job -> job.conclusion() != null && !job.conclusion().equals("success")).count();
        List<Duration> calmWaits = jobs.stream().filter(job -> job.startedAt() != null)
                .filter(job -> faults.stream().noneMatch(f -> overlaps(job, f, start)))
                .map(job -> Duration.between(job.queuedAt(), job.startedAt())).sorted().toList();
        Duration p95 = calmWaits.isEmpty() ? Duration.ZERO
                : calmWaits.get(Math.min(calmWaits.size() - 1, (int) Math.ceil(calmWaits.size() * 0.95) - 1));
        return new SoakReport(seed, duration, faults.size(), ids.size(), completed, ids.size() - completed, busyRemoved,
                maxLive, max, leakedContainers, leakedRegistrations, p95, calmWaits.size());
    }

    private static boolean overlaps(SimState.Job job, Fault fault, Instant start) {
        Instant from = start.plus(fault.at());
        Instant to = start.plus(fault.end()).plus(SETTLE_AFTER_FAULT);
        return job.queuedAt().isBefore(to) && job.startedAt().isAfter(from);
    }

    String table() {
        return String.join("\n",
                "| seed | duration | faults | jobs queued | completed | lost | busy runners removed | max live containers / MAX | leaked containers | leaked registrations | p95 wait outside faults |",
                "|---|---|---|---|---|---|---|---|---|---|---|",
                "| " + seed + " | " + duration.toMinutes() + " min | " + faults + " | " + queued + " | " + completed + " | "
                        + lost + " | " + busyRemoved + " | " + maxLive + " / " + max + " | " + leakedContainers + " | "
                        + leakedRegistrations + " | " + String.format("%.1f s (%d jobs)", p95WaitCalm.toMillis() / 1000.0,
                        calmJobs) + " |");
    }
}
