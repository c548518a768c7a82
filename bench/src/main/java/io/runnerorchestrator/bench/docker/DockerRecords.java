package io.runnerorchestrator.bench.docker;

import io.runnerorchestrator.bench.RunSetup;
import io.runnerorchestrator.bench.measure.JobRecord;
import io.runnerorchestrator.bench.measure.Percentiles;
import io.runnerorchestrator.bench.measure.RequestTally;
import io.runnerorchestrator.bench.measure.RunRecord;
import io.runnerorchestrator.bench.measure.RunnerLife;
import io.runnerorchestrator.githubsim.SimState;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a real-Docker run saw into a {@link RunRecord}: jobs from the simulator's state, runner
 * lives from the recording backend (a runner ends when its job completes, the fake runner exiting
 * right after, or when it was removed), and requests counted as idle from {@code idleFrom} on, when
 * every job was done and the passes they triggered were over.
 */
final class DockerRecords {
    private DockerRecords() {
    }

    /** @param backend docker or swarm, as the record names it */
    static RunRecord of(RunSetup setup, String backend, Instant traceStart, Instant windowEnd, Instant idleFrom, Instant end,
                        SimState state,
                        List<RecordingBackend.Started> started, RequestLog requests, RequestTally actions,
                        PassMetrics metrics,
                        long heap, Duration loopTime, Duration wallTime) {
        List<JobRecord> jobs = state.jobs().stream().map(job -> new JobRecord(job.id(), job.queuedAt(),
                Optional.ofNullable(job.startedAt()), Optional.ofNullable(job.completedAt()),
                Optional.ofNullable(job.runnerName()))).toList();
        Map<String, Instant> doneByRunner = new HashMap<>();
        state.jobs().stream().filter(job -> job.runnerName() != null && job.completedAt() != null)
                .forEach(job -> doneByRunner.put(job.runnerName(), job.completedAt()));
        List<RunnerLife> lives = started.stream().map(s -> new RunnerLife(s.name(), s.startedAt(),
                earliest(Optional.ofNullable(doneByRunner.get(s.name())), s.removedAt()))).toList();
        RequestTally tally = new RequestTally();
        // The warm-up's requests fill the pool before any job: they are no job's cost.
        for (RequestLog.Request request : requests.requests().stream()
                .filter(r -> !r.at().isBefore(traceStart)).toList()) {
            tally.record(request.endpoint(), request.notModified(), !request.at().isBefore(idleFrom));
        }
        return new RunRecord(setup.trace().name(), backend, setup.mode(), setup.policy(), traceStart, windowEnd, jobs,
                lives, tally, actions, Duration.between(idleFrom, end), metrics.stats(), heap,
                Duration.ofNanos(metrics.stats().cpuNanos()), loopTime, wallTime, note(backend, started, metrics));
    }

    /**
     * The Actions service's calls as the simulator counted them (by endpoint, every status): from the
     * trace's start, those after {@code idle} counted as idle.
     */
    static RequestTally actions(SimState.Requests start, SimState.Requests idle, SimState.Requests end) {
        RequestTally tally = new RequestTally();
        end.byEndpoint().forEach((endpoint, total) -> {
            long busy = idle.count(endpoint) - start.count(endpoint);
            for (long i = 0; i < total - start.count(endpoint); i++) {
                tally.record(endpoint, false, i >= busy);
            }
        });
        return tally;
    }

    private static String note(String backend, List<RecordingBackend.Started> started, PassMetrics metrics) {
        Percentiles starts = new Percentiles(started.stream().mapToDouble(s -> s.startTook().toNanos() / 1e9).toArray());
        Percentiles boots = metrics.bootSeconds();
        // A container is started and running when start() returns; a service is only created (its task follows).
        String what = backend.equals("swarm") ? "service create" : "container start";
        return String.format(Locale.ROOT, "%s (JIT registration excluded) p50 %.2f s, p95 %.2f s;"
                + " %s to online as passes saw it p50 %.2f s, p95 %.2f s", what, starts.at(50), starts.at(95),
                backend.equals("swarm") ? "service" : "container", boots.at(50), boots.at(95));
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
    }
}
