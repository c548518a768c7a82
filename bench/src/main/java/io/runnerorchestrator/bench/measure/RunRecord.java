package io.runnerorchestrator.bench.measure;

import io.runnerorchestrator.bench.Mode;
import io.runnerorchestrator.bench.policy.BenchPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run of one trace under one policy produced, before any figure is computed.
 *
 * @param backend     {@code docker} or {@code virtual}
 * @param windowStart when the trace began (after the pool warmed up)
 * @param windowEnd   when the last job completed, or the trace's span ended, whichever is later
 * @param requests    REST API requests (charged, and free 304s)
 * @param actions     calls to the Actions service (scale-set mode: admin registration, JIT configs, sessions,
 *                    the message queue, acquisitions, runner lookups and removals); none in the other modes
 * @param idleTime    time with no job queued or running for at least a poll interval, after the trace began
 * @param heapBytes   largest live heap seen (after a GC) above the process's live heap before the run
 * @param cpu         CPU time the reconcile passes used
 * @param loopTime    how long the reconcile loop ran in the run's time (virtual or real), warm-up included
 * @param wallTime    how long the run took on the wall clock
 * @param note        what else the run saw worth a line in the report (may be empty)
 */
public record RunRecord(String trace, String backend, Mode mode, BenchPolicy policy, Instant windowStart,
                        Instant windowEnd, List<JobRecord> jobs, List<RunnerLife> runners, RequestTally requests,
                        RequestTally actions,
                        Duration idleTime, PassStats passes, long heapBytes, Duration cpu, Duration loopTime,
                        Duration wallTime, String note) {
    public RunRecord {
        jobs = List.copyOf(jobs);
        runners = List.copyOf(runners);
    }

    public Duration window() {
        return Duration.between(windowStart, windowEnd);
    }
}
