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
                  int diedWithEngine, int maxLive, int max, int leakedContainers, int leakedRegistrations,
                  Duration p95WaitCalm, int calmJobs, List<String> busyRemovedJobs) {

    /** A job waiting during a fault, or this long after it, is not counted in the calm p95. */
    static final Duration SETTLE_AFTER_FAULT = Duration.ofSeconds(15);
    /**
     * A job that ends unsuccessfully this long after its engine answered again died with the engine:
     * the restarted engine stops the runners a crash left running (SIGTERM, SIGKILL after 10 s), and
     * GitHub fails the job of a runner that went silent a few seconds later still.
     */
    static final Duration ENGINE_SETTLE = Duration.ofSeconds(30);

    /** From the moment the soak's engine was stopped or killed until it answered again. */
    record EngineOutage(Instant from, Instant to) {
        boolean explains(SimState.Job job) {
            return job.completedAt() != null && !job.completedAt().isBefore(from)
                    && !job.completedAt().isAfter(to.plus(ENGINE_SETTLE));
        }
    }

    /**
     * @param engineOutages the restarts of the runners' engine: a job failed or cancelled within one
     *                      lost its runner to the engine (it is counted in {@code diedWithEngine}, not
     *                      as a runner the orchestrator removed while busy); still a completed job, as
     *                      GitHub shows it, and nothing the orchestrator could have kept alive
     */
    static SoakReport of(long seed, Duration duration, List<Fault> faults, SimState state, List<Long> ids, int max,
                         int maxLive, int leakedContainers, int leakedRegistrations, Instant start,
                         List<EngineOutage> engineOutages) {
        Set<Long> ours = new HashSet<>(ids);
        List<SimState.Job> jobs = state.jobs().stream().filter(job -> ours.contains(job.id())).toList();
        int completed = (int) jobs.stream().filter(job -> "completed".equals(job.status())).count();
        List<SimState.Job> unsuccessful = jobs.stream()
                .filter(job -> job.conclusion() != null && !job.conclusion().equals("success")).toList();
        List<SimState.Job> unexplained = unsuccessful.stream()
                .filter(job -> engineOutages.stream().noneMatch(outage -> outage.explains(job))).toList();
        int diedWithEngine = unsuccessful.size() - unexplained.size();
        int busyRemoved = unexplained.size();
        List<Duration> calmWaits = jobs.stream().filter(job -> job.startedAt() != null)
                .filter(job -> faults.stream().noneMatch(f -> overlaps(job, f, start)))
                .map(job -> Duration.between(job.queuedAt(), job.startedAt())).sorted().toList();
        Duration p95 = calmWaits.isEmpty() ? Duration.ZERO
                : calmWaits.get(Math.min(calmWaits.size() - 1, (int) Math.ceil(calmWaits.size() * 0.95) - 1));
        return new SoakReport(seed, duration, faults.size(), ids.size(), completed, ids.size() - completed, busyRemoved,
                diedWithEngine, maxLive, max, leakedContainers, leakedRegistrations, p95, calmWaits.size(),
                unexplained.stream().map(SoakReport::describe).toList());
    }

    /** One line per job counted as busy-removed, so a failed soak names what to look for in the logs. */
    private static String describe(SimState.Job job) {
        return "- job " + job.id() + " " + job.conclusion() + " runner=" + job.runnerName() + " queued="
                + job.queuedAt() + " started=" + job.startedAt() + " completed=" + job.completedAt();
    }

    private static boolean overlaps(SimState.Job job, Fault fault, Instant start) {
        Instant from = start.plus(fault.at());
        Instant to = start.plus(fault.end()).plus(SETTLE_AFTER_FAULT);
        return job.queuedAt().isBefore(to) && job.startedAt().isAfter(from);
    }

    /** The table, then the jobs counted as busy-removed, if any. */
    String markdown() {
        return busyRemovedJobs.isEmpty() ? table()
                : table() + "\n\nJobs that ended unsuccessfully outside an engine outage:\n"
                        + String.join("\n", busyRemovedJobs);
    }

    String table() {
        return String.join("\n",
                "| seed | duration | faults | jobs queued | completed | lost | busy runners removed | jobs that died with the engine | max live containers / MAX | leaked containers | leaked registrations | p95 wait outside faults |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                "| " + seed + " | " + duration.toMinutes() + " min | " + faults + " | " + queued + " | " + completed + " | "
                        + lost + " | " + busyRemoved + " | " + diedWithEngine + " | " + maxLive + " / " + max + " | " + leakedContainers + " | "
                        + leakedRegistrations + " | " + String.format("%.1f s (%d jobs)", p95WaitCalm.toMillis() / 1000.0,
                        calmJobs) + " |");
    }
}
