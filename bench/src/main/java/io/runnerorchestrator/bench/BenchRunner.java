package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.docker.DockerOptions;
import io.runnerorchestrator.bench.docker.DockerRun;
import io.runnerorchestrator.bench.measure.ResultTable;
import io.runnerorchestrator.bench.measure.RunRecord;
import io.runnerorchestrator.bench.measure.RunSummary;
import io.runnerorchestrator.bench.measure.Timeline;
import io.runnerorchestrator.bench.measure.TimelinePlot;
import io.runnerorchestrator.bench.policy.BenchPolicy;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.bench.trace.TraceFile;
import io.runnerorchestrator.bench.trace.TraceGenerator;
import io.runnerorchestrator.bench.virtual.VirtualModel;
import io.runnerorchestrator.bench.virtual.VirtualRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs every policy in every mode over each scenario, and turns each run into a table row and a plot panel. */
public final class BenchRunner {
    private static final Logger log = LoggerFactory.getLogger(BenchRunner.class);
    private static final int PLOT_POINTS = 600;
    private static final Duration VIRTUAL_WARMUP = Duration.ofMinutes(10);

    private final BenchOptions options;
    private final VirtualModel model;
    private final DockerOptions docker;

    public BenchRunner(BenchOptions options, VirtualModel model, DockerOptions docker) {
        this.options = options;
        this.model = model;
        this.docker = docker;
    }

    /** @param done hears each scenario's result as soon as it is there */
    public List<ScenarioResult> runAll(Consumer<ScenarioResult> done) {
        warmUpJit();
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            ScenarioResult result = run(scenario);
            done.accept(result);
            results.add(result);
        }
        return results;
    }

    public ScenarioResult run(Scenario scenario) {
        Trace trace = TraceFile.read(options.traceDir().resolve(scenario.trace() + ".trace"));
        String loadBefore = MachineInfo.loadAverage();
        List<RunSummary> rows = new ArrayList<>();
        List<TimelinePlot.Panel> panels = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Mode mode : options.modes()) {
            for (BenchPolicy policy : options.policiesFor(mode)) {
                RunSetup setup = new RunSetup(trace, policy, mode,
                        RunSetup.defaults(scenario.minRunners(), scenario.maxRunners()), VIRTUAL_WARMUP,
                        RunSetup.IDLE_TAIL);
                log.info("bench.run.begin trace={} backend={} policy={} mode={}", trace.name(), scenario.backend(),
                        policy.label(), mode.label());
                try {
                    RunRecord record = record(scenario, setup);
                    RunSummary summary = RunSummary.of(record);
                    rows.add(summary);
                    panels.add(new TimelinePlot.Panel(policy.label() + ", " + mode.label(), Timeline.of(record, PLOT_POINTS)));
                    log.info("bench.run.end trace={} backend={} policy={} mode={} wall_s={}\n{}", trace.name(),
                            scenario.backend(), policy.label(), mode.label(), record.wallTime().toSeconds(),
                            ResultTable.markdown(List.of(summary)));
                } catch (RuntimeException e) {
                    log.error("bench.run.failed trace={} backend={} policy={} mode={} error={}", trace.name(),
                            scenario.backend(), policy.label(), mode.label(), e.toString(), e);
                    failures.add(policy.label() + ", " + mode.label() + ": " + e.getMessage());
                }
            }
        }
        return new ScenarioResult(scenario, trace, rows, panels, failures, loadBefore, MachineInfo.loadAverage());
    }

    private RunRecord record(Scenario scenario, RunSetup setup) {
        if (scenario.backend().equals(Scenario.DOCKER)) {
            return new DockerRun(setup, docker).run();
        }
        if (scenario.backend().equals(Scenario.SWARM)) {
            return new DockerRun(setup, docker.onSwarm()).run();
        }
        return new VirtualRun(setup, model.withRateLimit(scenario.rateLimitPerHour())).run();
    }

    /** Pass times are measured in microseconds: the first passes of a fresh JVM would run interpreted. */
    private void warmUpJit() {
        RunSetup setup = new RunSetup(TraceGenerator.steady(), BenchPolicy.OURS,
                Mode.WEBHOOK, RunSetup.defaults(2, 40), VIRTUAL_WARMUP, RunSetup.IDLE_TAIL);
        new VirtualRun(setup, model).run();
    }
}
