package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.measure.ResultTable;
import io.runnerorchestrator.bench.measure.RunSummary;
import io.runnerorchestrator.bench.measure.TimelinePlot;
import io.runnerorchestrator.bench.virtual.VirtualModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes results.md (the command, the machine, then per scenario the table, the plot and where the
 * requests went) and one PNG per scenario into the output directory.
 */
public final class Report {
    private final Path outDir;
    private final String command;
    private final VirtualModel model;
    private final Instant started = Instant.now();
    private final StringBuilder text = new StringBuilder();

    public Report(Path outDir, String command, VirtualModel model) {
        this.outDir = outDir;
        this.command = command;
        this.model = model;
        text.append("# Benchmark results\n\n")
                .append("- Command: `").append(command).append("`\n")
                .append("- Started: ").append(started).append('\n')
                .append("- Machine: ").append(MachineInfo.current()).append('\n')
                .append(String.format(Locale.ROOT, "- Virtual world: container start %.2f s each, %d at a time"
                                + " (the start concurrency); runner boot %.1f s; webhook and scale-set message delivery"
                                + " %.1f s\n\n",
                        seconds(model.startCost()), RunSetup.defaults(0, 1).startConcurrency(), seconds(model.boot()),
                        seconds(model.webhookDelay())));
    }

    public void add(ScenarioResult result) {
        Scenario scenario = result.scenario();
        String plot = scenario.backend() + "-" + scenario.trace() + ".png";
        TimelinePlot.write(outDir.resolve(plot), scenario.trace() + " (" + scenario.backend() + ")", result.panels());
        text.append("## ").append(scenario.title()).append("\n\n")
                .append(result.trace().description()).append("; ").append(result.trace().jobCount()).append(" jobs, ")
                .append(String.format(Locale.ROOT, "%.1f", result.trace().work().toSeconds() / 3600.0))
                .append(" runner-hours of work. Load average (1 / 5 / 15 min) before: ").append(result.loadBefore())
                .append(", after: ").append(result.loadAfter());
        if (scenario.backend().equals(Scenario.VIRTUAL)) {
            text.append(". GitHub budget: ").append(String.format(Locale.ROOT, "%,d", scenario.rateLimitPerHour()))
                    .append(" requests an hour");
        }
        text.append(".\n\n").append(ResultTable.markdown(result.runs())).append('\n')
                .append("![").append(scenario.trace()).append("](").append(plot).append(")\n\n");
        for (RunSummary run : result.runs()) {
            text.append("- ").append(run.label().policy().label()).append(", ").append(run.label().mode().label())
                    .append(String.format(Locale.ROOT, ": ran %.1f s", run.label().wallTime().toMillis() / 1000.0));
            if (!run.label().note().isEmpty()) {
                text.append("; ").append(run.label().note());
            }
            text.append("; counted requests by endpoint: ").append(endpoints(run.requestsByEndpoint()));
            if (run.usedActionsService()) {
                text.append("; Actions service calls by endpoint: ").append(endpoints(run.actionsByEndpoint()));
            }
            text.append('\n');
        }
        result.failures().forEach(failure -> text.append("- FAILED ").append(failure).append('\n'));
        text.append('\n');
        write();
    }

    public void finish() {
        text.append("Finished ").append(Instant.now()).append(", after ")
                .append(Duration.between(started, Instant.now()).toMinutes()).append(" min.\n");
        write();
    }

    private void write() {
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("results.md"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve("results.md"), e);
        }
    }

    private static String endpoints(Map<String, long[]> byEndpoint) {
        StringBuilder line = new StringBuilder();
        byEndpoint.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> line.append(line.isEmpty() ? "" : ", ").append(e.getKey().replace("/repos/{owner}/{repo}", ""))
                        .append(' ').append(e.getValue()[0]));
        return line.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
