package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.measure.RunSummary;
import io.runnerorchestrator.bench.measure.TimelinePlot;
import io.runnerorchestrator.bench.trace.Trace;

import java.util.List;

/**
 * What one scenario gave: a summary and a plot panel per run, the runs that failed, and the load
 * average before and after.
 */
public record ScenarioResult(Scenario scenario, Trace trace, List<RunSummary> runs, List<TimelinePlot.Panel> panels,
                             List<String> failures, String loadBefore, String loadAfter) {
    public ScenarioResult {
        runs = List.copyOf(runs);
        panels = List.copyOf(panels);
        failures = List.copyOf(failures);
    }
}
