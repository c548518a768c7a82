package io.runnerorchestrator.bench.trace;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A workload to replay: workflow runs at fixed offsets, made by {@link TraceGenerator} from
 * {@code seed} and kept as a file ({@link TraceFile}) so that every policy sees the same jobs.
 *
 * @param span how long the trace lasts, idle tail included (a workday is 24 h even if work stops at 20:00)
 */
public record Trace(String name, long seed, String description, Duration span, List<TraceRun> runs) {
    public Trace {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("trace name must be lowercase letters, digits and '-', got '" + name + "'");
        }
        runs = runs.stream().sorted(Comparator.comparing(TraceRun::at)).toList();
        if (!runs.isEmpty() && runs.get(runs.size() - 1).at().compareTo(span) > 0) {
            throw new IllegalArgumentException("trace " + name + " queues work after its span of " + span.toSeconds() + " s");
        }
    }

    public int jobCount() {
        return runs.stream().mapToInt(TraceRun::jobs).sum();
    }

    /** Runner-seconds of work in the trace: what any pool must at least spend. */
    public Duration work() {
        return runs.stream().map(run -> run.duration().multipliedBy(run.jobs())).reduce(Duration.ZERO, Duration::plus);
    }
}
