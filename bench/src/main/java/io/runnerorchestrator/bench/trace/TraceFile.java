package io.runnerorchestrator.bench.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of a {@link Trace}: {@code # key: value} header lines (name, seed, span_s,
 * description), then one run per line as {@code at_s jobs duration_s}, times in seconds with
 * millisecond precision.
 */
public final class TraceFile {

    private TraceFile() {
    }

    public static Trace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
        return parse(file.toString(), lines);
    }

    static Trace parse(String source, List<String> lines) {
        Map<String, String> header = new LinkedHashMap<>();
        List<TraceRun> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    header.put(line.substring(1, colon).strip(), line.substring(colon + 1).strip());
                }
                continue;
            }
            runs.add(run(source, i + 1, line));
        }
        try {
            return new Trace(required(source, header, "name"), Long.parseLong(required(source, header, "seed")),
                    header.getOrDefault("description", ""), seconds(required(source, header, "span_s")), runs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public static void write(Trace trace, Path file) {
        StringBuilder text = new StringBuilder()
                .append("# runner-orchestrator benchmark trace (made by TraceGenerator; do not edit by hand)\n")
                .append("# name: ").append(trace.name()).append('\n')
                .append("# seed: ").append(trace.seed()).append('\n')
                .append("# span_s: ").append(format(trace.span())).append('\n')
                .append("# description: ").append(trace.description()).append('\n')
                .append("# jobs: ").append(trace.jobCount()).append('\n')
                .append("# columns: at_s jobs duration_s (one workflow run per line; jobs > 1 is a matrix)\n");
        for (TraceRun run : trace.runs()) {
            text.append(format(run.at())).append(' ').append(run.jobs()).append(' ')
                    .append(format(run.duration())).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
    }

    private static TraceRun run(String source, int lineNumber, String line) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException(source + ":" + lineNumber + ": expected 'at_s jobs duration_s', got '"
                    + line + "'");
        }
        try {
            return new TraceRun(seconds(fields[0]), Integer.parseInt(fields[1]), seconds(fields[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static String required(String source, Map<String, String> header, String key) {
        String value = header.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(source + ": header line '# " + key + ": ...' is missing");
        }
        return value;
    }

    private static Duration seconds(String text) {
        double seconds = Double.parseDouble(text);
        if (!Double.isFinite(seconds)) {
            throw new IllegalArgumentException("not a number of seconds: '" + text + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
