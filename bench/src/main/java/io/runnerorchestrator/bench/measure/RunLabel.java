package io.runnerorchestrator.bench.measure;

import io.runnerorchestrator.bench.Mode;
import io.runnerorchestrator.bench.policy.BenchPolicy;

import java.time.Duration;

/** Which run a figure belongs to, how long it took on the wall clock, and its note. */
public record RunLabel(String trace, String backend, Mode mode, BenchPolicy policy, Duration wallTime, String note) {
    static RunLabel of(RunRecord run) {
        return new RunLabel(run.trace(), run.backend(), run.mode(), run.policy(), run.wallTime(), run.note());
    }
}
