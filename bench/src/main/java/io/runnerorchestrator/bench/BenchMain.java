package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.docker.DockerOptions;
import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.bench.trace.TraceFile;
import io.runnerorchestrator.bench.trace.TraceGenerator;
import io.runnerorchestrator.bench.virtual.VirtualModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The benchmark command (scripts/bench.sh): replays the traces under every policy and mode, prints a
 * table per scenario and writes results.md with plots. Exit status 2 for a bad command line, 1 when
 * a run failed.
 */
public final class BenchMain {
    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    /** See docs/benchmarks.md for where these come from. */
    static final VirtualModel VIRTUAL_MODEL = new VirtualModel(Duration.ofMillis(500), Duration.ofSeconds(10),
            Duration.ofMillis(500), 5_000);
    static final DockerOptions DOCKER = new DockerOptions(DockerOptions.FAKE_RUNNER_IMAGE, Duration.ofMinutes(3),
            Duration.ofMinutes(15));

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            if (!options.generateTraces() && options.scenarios().isEmpty()) {
                throw new IllegalArgumentException("no scenario matches " + options.backends() + " " + options.traces());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.generateTraces()) {
            for (Trace trace : TraceGenerator.all()) {
                TraceFile.write(trace, options.traceDir().resolve(trace.name() + ".trace"));
                log.info("bench.trace.written name={} runs={} jobs={}", trace.name(), trace.runs().size(), trace.jobCount());
            }
            return;
        }
        Report report = new Report(options.outDir(), "scripts/bench.sh " + String.join(" ", args), VIRTUAL_MODEL);
        List<ScenarioResult> results = new BenchRunner(options, VIRTUAL_MODEL, DOCKER).runAll(report::add);
        report.finish();
        log.info("bench.done results={}", options.outDir().resolve("results.md").toAbsolutePath());
        System.exit(results.stream().anyMatch(r -> !r.failures().isEmpty()) ? 1 : 0);
    }
}
