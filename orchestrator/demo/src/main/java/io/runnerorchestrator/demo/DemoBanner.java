package io.runnerorchestrator.demo;


import java.util.List;
import java.util.stream.Collectors;

/** The few lines printed once the demo is ready: what runs, where to look, and how to stop. */
public record DemoBanner(int port, String simulatorUrl, RunnerChoice runners, String schedule, String webhookPath) {

    /** The simulator's view of jobs and runners; tests read it too. */
    public static final String SIM_STATE_PATH = "/_sim/state";
    public static final String FIRST_LINE = "runner-orchestrator demo is running against an embedded github-sim";

    public String text() {
        String base = "http://127.0.0.1:" + port;
        List<String[]> rows = List.of(
                new String[]{"runners", runners.description()},
                new String[]{"jobs", schedule},
                new String[]{"dashboard", base + "/"},
                new String[]{"status", base + "/api/v1/status"},
                new String[]{"runner list", base + "/api/v1/runners"},
                new String[]{"metrics", base + "/api/v1/metrics"},
                new String[]{"API docs", base + "/docs"},
                new String[]{"webhook", base + webhookPath},
                new String[]{"github-sim", simulatorUrl + SIM_STATE_PATH});
        String body = rows.stream().map(row -> String.format("  %-12s %s", row[0], row[1]))
                .collect(Collectors.joining(System.lineSeparator()));
        return String.join(System.lineSeparator(), "", FIRST_LINE, body,
                "Ctrl-C to stop: the demo's runners and the simulator stop with it.", "");
    }
}
